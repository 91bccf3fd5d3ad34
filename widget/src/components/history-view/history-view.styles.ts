import { css } from 'lit';

export const historyStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-block-size: 0;
    background: var(--_bg);
  }
  .search {
    padding-block: 10px;
    padding-inline: 12px;
    border-block-end: 1px solid var(--_border);
  }
  ul {
    list-style: none;
    margin: 0;
    padding-block: 4px;
    padding-inline: 0;
    overflow-y: auto;
    flex: 1;
  }
  li {
    display: flex;
    align-items: center;
    gap: 2px;
    padding-block: 2px;
    padding-inline: 8px;
  }
  .entry {
    position: relative;
    flex: 1;
    min-inline-size: 0;
    display: grid;
    gap: 2px;
    padding-block: 8px;
    padding-inline: 12px;
    border-radius: 8px;
  }
  .entry[data-current] {
    background: var(--_surface);
  }
  /* The title is the button; its ::after covers the whole entry, snippet and date included. */
  .open {
    padding: 0;
    text-align: start;
    background: none;
  }
  .open::after {
    content: '';
    position: absolute;
    inset: 0;
    border-radius: 8px;
  }
  .open:focus-visible {
    outline: none;
  }
  .open:focus-visible::after {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .title,
  .snippet {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .snippet,
  .date {
    font-size: 0.8rem;
  }
  mark {
    background: var(--_mark);
    color: inherit;
  }
  form,
  .confirm {
    flex: 1;
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    align-items: center;
    padding-block: 6px;
    padding-inline: 0;
  }
  .confirm p {
    margin: 0;
    flex-basis: 100%;
  }
  form input {
    flex-basis: 100%;
  }
  .footer {
    padding-block: 8px;
    padding-inline: 12px;
    text-align: center;
  }
`;
