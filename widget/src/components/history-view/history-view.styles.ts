import { css } from 'lit';

export const historyStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    background: var(--_bg);
  }
  .search {
    padding: 10px 12px;
    border-bottom: 1px solid var(--_border);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 4px 0;
    overflow-y: auto;
    flex: 1;
  }
  li {
    display: flex;
    align-items: center;
    gap: 2px;
    padding: 2px 8px;
  }
  .entry {
    position: relative;
    flex: 1;
    min-width: 0;
    display: grid;
    gap: 2px;
    padding: 8px 12px;
    border-radius: 8px;
  }
  .entry[data-current] {
    background: var(--_surface);
  }
  /* The title is the button; its ::after covers the whole entry, snippet and date included. */
  .open {
    padding: 0;
    text-align: left;
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
    padding: 6px 0;
  }
  .confirm p {
    margin: 0;
    flex-basis: 100%;
  }
  form input {
    flex-basis: 100%;
  }
  .footer {
    padding: 8px 12px;
    text-align: center;
  }
`;
