import { css } from 'lit';

export const conversationStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    flex: 1;
  }
  /* The scrolling log (role="log": not a list role, so the list sits inside it). */
  .log {
    flex: 1;
    overflow-y: auto;
    padding: 12px;
  }
  .messages {
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  .message {
    display: flex;
    flex-direction: column;
    max-width: 88%;
  }
  .user {
    align-self: flex-end;
  }
  .bubble {
    padding: 8px 12px;
    border-radius: 12px;
    overflow-wrap: anywhere;
  }
  .user .bubble,
  .markdown .text {
    background: var(--_accent);
    color: var(--_on-accent);
    white-space: pre-wrap;
  }
  .assistant .bubble {
    background: var(--_surface);
  }
  .markdown > :first-child {
    margin-top: 0;
  }
  .markdown > :last-child {
    margin-bottom: 0;
  }
  .markdown a,
  .sources a {
    color: var(--_accent);
  }
  .markdown pre {
    overflow-x: auto;
    padding: 8px;
    background: var(--_bg);
    border-radius: 6px;
  }
  /* A wide table scrolls inside the bubble instead of breaking its words letter by letter. */
  .markdown table {
    display: block;
    max-width: 100%;
    overflow-x: auto;
    border-collapse: collapse;
  }
  .markdown th,
  .markdown td {
    padding: 2px 8px;
    border: 1px solid var(--_border);
    white-space: nowrap;
  }
  [data-status='error'] .bubble {
    border: 1px solid var(--_danger);
  }
  .sources {
    font-size: 0.875rem;
    margin-top: 6px;
  }
  .sources h3 {
    font-size: 0.8rem;
    margin: 0 0 4px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .sources ol {
    margin: 0;
    padding-left: 20px;
  }
  .sources p {
    margin: 2px 0 6px;
  }
  .older {
    align-self: center;
  }
  .alert {
    margin: 0 12px 8px;
    padding: 8px 12px;
    border: 1px solid var(--_danger);
    border-radius: 8px;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
  }
  form {
    border-top: 1px solid var(--_border);
    padding: 10px 12px;
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 6px 8px;
    align-items: end;
  }
  textarea {
    resize: none;
    max-height: 160px;
    min-height: 42px;
  }
  .counter {
    grid-column: 1 / -1;
    font-size: 0.8rem;
    margin: 0;
  }
`;
