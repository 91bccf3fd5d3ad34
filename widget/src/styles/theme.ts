import { css } from 'lit';

// The design tokens (--_accent, --_bg…) are set on <chat-widget> itself, by the launcher
// (launcher/launcher.styles.ts), and inherited through the shadow roots.

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
