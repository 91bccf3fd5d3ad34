import type { ChatWidget, ChatWidgetEventMap, ChatWidgetEventName } from 'chat-widget-sdk';
import { useEffect, type RefObject } from 'react';

/** Listens to one of the widget's events with its typed `detail`, for as long as the component lives. */
export function useChatWidgetEvent<K extends ChatWidgetEventName>(
  ref: RefObject<ChatWidget | null>,
  name: K,
  handler: (event: ChatWidgetEventMap[K]) => void,
): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const listener = (event: Event) => handler(event as ChatWidgetEventMap[K]);
    element.addEventListener(name, listener);
    return () => element.removeEventListener(name, listener);
  }, [ref, name, handler]);
}
