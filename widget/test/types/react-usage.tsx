// Compiled by `npm run typecheck` only: proves the JSX typing accepts real usage and rejects mistakes.
import type {} from '../../src/react.js';

export const ok = (
  <chat-widget server="https://chat.example.com" title="Help" theme="dark" onchat-widget:message-sent={(event) => event.detail.message.content} />
);

// @ts-expect-error -- not a theme
export const badTheme = <chat-widget theme="purple" />;

// @ts-expect-error -- `open` is a method on the element; a prop would overwrite it
export const openProp = <chat-widget open />;
