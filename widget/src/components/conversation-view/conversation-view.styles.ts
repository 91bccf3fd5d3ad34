import { css } from 'lit';

export const conversationStyles = css`
  :host {
    position: relative;
    display: flex;
    flex-direction: column;
    min-block-size: 0;
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
    max-inline-size: 88%;
  }
  .user {
    align-self: flex-end;
  }
  .bubble {
    padding-block: 8px;
    padding-inline: 12px;
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
    margin-block-start: 0;
  }
  .markdown > :last-child {
    margin-block-end: 0;
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
    max-inline-size: 100%;
    overflow-x: auto;
    border-collapse: collapse;
  }
  .markdown th,
  .markdown td {
    padding-block: 2px;
    padding-inline: 8px;
    border: 1px solid var(--_border);
    white-space: nowrap;
  }
  [data-status='error'] .bubble {
    border: 1px solid var(--_danger);
  }
  .sources {
    font-size: 0.875rem;
    margin-block-start: 6px;
  }
  .sources h3 {
    font-size: 0.8rem;
    margin-block: 0 4px;
    margin-inline: 0;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .sources ol {
    margin: 0;
    padding-inline-start: 20px;
  }
  .sources p {
    margin-block: 2px 6px;
    margin-inline: 0;
  }
  .older {
    align-self: center;
  }
  /* Written offline: the user's message, outlined rather than filled until it is sent. */
  .user.queued .bubble {
    background: none;
    color: inherit;
    border: 1px dashed var(--_accent);
  }
  .queued p,
  .notice {
    margin-block: 2px 0;
    margin-inline: 12px;
    font-size: 0.8rem;
  }
  .alert {
    margin-block: 0 8px;
    margin-inline: 12px;
    padding-block: 8px;
    padding-inline: 12px;
    border: 1px solid var(--_danger);
    border-radius: 8px;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
  }
  form {
    border-block-start: 1px solid var(--_border);
    padding-block: 10px;
    padding-inline: 12px;
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 6px 8px;
    align-items: end;
  }
  textarea {
    resize: none;
    max-block-size: 160px;
    min-block-size: 42px;
  }
  .counter {
    grid-column: 1 / -1;
    font-size: 0.8rem;
    margin: 0;
  }
`;
