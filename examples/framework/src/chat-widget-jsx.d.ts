import type { ChatWidget } from 'chat-widget-sdk';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

/**
 * `<chat-widget>` in TSX, with its properties typed. React 19 sets a custom element's props as
 * properties when the element has them, so `heading` (the `title` attribute) and `strings` work as
 * props. `open` is left out on purpose: on the element it is the `open()` method, so use the ref.
 */
type ChatWidgetProps = Partial<Pick<ChatWidget, 'server' | 'heading' | 'greeting' | 'position' | 'theme' | 'locale' | 'storage' | 'strings'>>;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'chat-widget': DetailedHTMLProps<HTMLAttributes<ChatWidget>, ChatWidget> & ChatWidgetProps;
    }
  }
}
