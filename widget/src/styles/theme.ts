import { css } from 'lit';

// Written once, used by both the explicit dark theme and `auto` on a dark system.
const dark = css`
  --_accent: var(--chat-widget-accent, #8ab4ff);
  --_on-accent: var(--chat-widget-on-accent, #0b1020);
  --_bg: var(--chat-widget-background, #16181d);
  --_fg: var(--chat-widget-text, #e6e8eb);
  --_muted: var(--chat-widget-muted, #a3acb9);
  --_surface: var(--chat-widget-surface, #23262d);
  --_border: var(--chat-widget-border, #3b414b);
  --_danger: var(--chat-widget-danger, #ff8a80);
  --_focus: var(--chat-widget-focus-ring, #8ab4ff);
  --_mark: var(--chat-widget-highlight, #7c5e10);
  color-scheme: dark;
`;

/**
 * Design tokens. Hosts set the public `--chat-widget-*` properties; components read only the
 * private `--_*` ones, which fall back to the light or dark defaults (all pairs meet WCAG AA).
 * Custom properties inherit through shadow roots, so the inner elements see them too.
 */
export const theme = css`
  :host {
    --_accent: var(--chat-widget-accent, #1d4ed8);
    --_on-accent: var(--chat-widget-on-accent, #ffffff);
    --_bg: var(--chat-widget-background, #ffffff);
    --_fg: var(--chat-widget-text, #1f2328);
    --_muted: var(--chat-widget-muted, #57606a);
    --_surface: var(--chat-widget-surface, #f3f4f6);
    --_border: var(--chat-widget-border, #c9d1d9);
    --_danger: var(--chat-widget-danger, #b42318);
    --_focus: var(--chat-widget-focus-ring, #1d4ed8);
    --_mark: var(--chat-widget-highlight, #fde68a);
    --_radius: var(--chat-widget-radius, 12px);
    --_font: var(--chat-widget-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_shadow: var(--chat-widget-shadow, 0 12px 40px rgb(0 0 0 / 0.18));
    --_width: var(--chat-widget-width, 400px);
    --_height: var(--chat-widget-height, 600px);
    --_z: var(--chat-widget-z-index, 2147483000);
    color-scheme: light;
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${dark}
    }
  }
`;

/** Shared by every inner element: buttons, inputs and the focus ring look alike everywhere. */
export const controls = css`
  :host {
    font-family: var(--_font);
    color: var(--_fg);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  button,
  input,
  textarea {
    font: inherit;
    color: inherit;
  }
  /* 16px keeps iOS Safari from zooming the page when a field gets focus. */
  input,
  textarea {
    font-size: 16px;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: 8px;
    padding-block: 8px;
    padding-inline: 10px;
    inline-size: 100%;
  }
  button {
    cursor: pointer;
    border: 1px solid transparent;
    border-radius: 8px;
    padding-block: 8px;
    padding-inline: 12px;
    background: var(--_surface);
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  .primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .link {
    background: none;
    padding: 4px;
    color: var(--_accent);
    text-decoration: underline;
  }
  .icon {
    background: none;
    padding: 6px;
    line-height: 0;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .error {
    color: var(--_danger);
  }
  .muted {
    color: var(--_muted);
  }
  .sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
