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
  .sources .cited {
    padding-inline-start: 6px;
    border-inline-start: 2px solid var(--_accent);
  }
  .sources ul {
    margin: 0;
    padding-inline-start: 20px;
  }
  /* [n] in an answer: a small raised button, like a footnote mark, that still has a real hit area. */
  .cite {
    vertical-align: super;
    font-size: 0.7em;
    line-height: 1;
    padding-block: 2px;
    padding-inline: 5px;
    border: 1px solid var(--_accent);
    border-radius: 6px;
    color: var(--_accent);
  }
  .cite:hover,
  .cite[aria-describedby] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .citation-popover {
    position: absolute;
    z-index: 2;
    max-inline-size: min(320px, calc(100% - 16px));
    padding-block: 8px;
    padding-inline: 10px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_bg);
    box-shadow: var(--_shadow);
    font-size: 0.85rem;
  }
  .citation-popover p {
    margin-block: 4px 0;
  }
  .rate {
    display: inline-flex;
    padding: 4px;
    background: none;
    color: var(--_muted);
  }
  .rate-down svg {
    transform: scaleY(-1);
  }
  .rate[aria-pressed='true'] {
    color: var(--_accent);
    border-color: var(--_accent);
  }
  /* Not the composer: one column, no top rule (the composer's form rule sets both). */
  .feedback-form {
    grid-template-columns: 1fr;
    gap: 8px;
    padding: 8px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    font-size: 0.875rem;
  }
  .feedback-form fieldset {
    margin: 0;
    padding: 0;
    border: 0;
  }
  fieldset label {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    margin-inline-end: 12px;
  }
  .feedback-form input {
    inline-size: auto;
  }
  .feedback-form .actions {
    text-align: end;
  }
  .older {
    align-self: center;
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
