import { css } from 'lit';

/** Colours follow the system theme (prefers-color-scheme); every element of the console shares them. */
export const tokens = css`
  :host {
    --console-bg: #f4f5f7;
    --console-surface: #ffffff;
    --console-text: #1b1d21;
    --console-muted: #5b6170;
    --console-border: #d9dce3;
    --console-accent: #2456c9;
    --console-accent-text: #ffffff;
    --console-bar-conversations: #2456c9;
    --console-bar-answers: #0f8a6a;
    --console-danger: #b3261e;
    --console-warning-bg: #fff4d6;
    color: var(--console-text);
    font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --console-bg: #131417;
      --console-surface: #1d1f24;
      --console-text: #e7e8ea;
      --console-muted: #a3a8b4;
      --console-border: #353944;
      --console-accent: #8fb0ff;
      --console-accent-text: #0d1530;
      --console-bar-conversations: #8fb0ff;
      --console-bar-answers: #5fd4b0;
      --console-danger: #ffb4ab;
      --console-warning-bg: #3a3220;
    }
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: 6px;
    border: 1px solid var(--console-border);
    background: var(--console-surface);
    color: var(--console-text);
    padding: 4px 10px;
  }
  button.primary {
    background: var(--console-accent);
    border-color: var(--console-accent);
    color: var(--console-accent-text);
  }
  button:focus-visible,
  input:focus-visible,
  summary:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--console-accent);
    outline-offset: 2px;
  }
  a {
    color: var(--console-accent);
  }
  input {
    font: inherit;
    color: var(--console-text);
    background: var(--console-surface);
    border: 1px solid var(--console-border);
    border-radius: 6px;
    padding: 4px 8px;
    color-scheme: light dark;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: 6px 8px;
    border-bottom: 1px solid var(--console-border);
    vertical-align: top;
  }
  th {
    color: var(--console-muted);
    font-weight: 600;
  }
  td.number,
  th.number {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .muted {
    color: var(--console-muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
