import { css } from 'lit';

export const panelStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
  /* Not a <header>: on a host page with its own, that would be a second banner landmark. */
  .header {
    display: flex;
    align-items: center;
    gap: 2px;
    padding: 8px 8px 8px 16px;
    border-bottom: 1px solid var(--_border);
  }
  h2 {
    flex: 1;
    font-size: 1rem;
    margin: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .body {
    flex: 1;
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
  .body > * {
    flex: 1;
  }
  chat-widget-auth {
    flex: 1;
  }
  .status {
    margin: auto;
    padding: 16px;
    text-align: center;
  }
`;
