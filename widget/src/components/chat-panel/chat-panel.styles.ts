import { css } from 'lit';

export const panelStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-block-size: 0;
    /* Room for the on-screen keyboard (KeyboardInsetController), so the composer stays above it. */
    padding-block-end: var(--_keyboard-inset, 0px);
  }
  /* Not a <header>: on a host page with its own, that would be a second banner landmark. */
  .header {
    display: flex;
    align-items: center;
    gap: 2px;
    padding-block: 8px;
    padding-inline: 16px 8px;
    border-block-end: 1px solid var(--_border);
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
    min-block-size: 0;
  }
  .body > * {
    flex: 1;
  }
  chat-widget-auth {
    flex: 1;
  }
  /* The guest's way to an account: one quiet line under the header, out of the conversation's way. */
  .guest-offer {
    margin: 0;
    padding-block: 2px;
    padding-inline: 16px;
    font-size: 0.8125rem;
    text-align: center;
    border-block-end: 1px solid var(--_border);
  }
  .status {
    margin: auto;
    padding: 16px;
    text-align: center;
  }
`;
