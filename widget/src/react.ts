/**
 * Opt-in JSX typing for React 19, which passes props to custom elements as properties and wires
 * `on<event name>` props as listeners: `import type {} from 'chat-widget-sdk/react';`
 */
import type { ChatWidget } from './launcher/chat-widget.js';
import type { ChatWidgetEventMap } from './events.js';

export type ChatWidgetProps = Partial<Pick<ChatWidget, 'server' | 'greeting' | 'position' | 'theme' | 'locale' | 'storage' | 'strings' | 'context' | 'sendPageContext'>> & {
  title?: string;
  id?: string;
  className?: string;
  ref?: import('react').Ref<ChatWidget>;
} & { [K in keyof ChatWidgetEventMap as `on${K}`]?: (event: ChatWidgetEventMap[K]) => void };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX namespace is how its types are extended
  namespace JSX {
    interface IntrinsicElements {
      'chat-widget': ChatWidgetProps;
    }
  }
}
