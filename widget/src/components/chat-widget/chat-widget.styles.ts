import { css } from 'lit';

export const shellStyles = css`
  :host {
    position: fixed;
    bottom: 20px;
    right: 20px;
    z-index: var(--_z);
    font-family: var(--_font);
    color: var(--_fg);
  }
  :host([position='bottom-left']) {
    right: auto;
    left: 20px;
  }
  .launcher {
    width: 56px;
    height: 56px;
    border-radius: 50%;
    border: none;
    cursor: pointer;
    background: var(--_accent);
    color: var(--_on-accent);
    box-shadow: var(--_shadow);
    display: grid;
    place-items: center;
  }
  .launcher:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 3px;
  }
  .panel {
    position: absolute;
    bottom: 0;
    right: 0;
    width: min(var(--_width), calc(100vw - 40px));
    height: min(var(--_height), calc(100vh - 40px));
    display: flex;
    flex-direction: column;
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    overflow: hidden;
  }
  :host([position='bottom-left']) .panel {
    right: auto;
    left: 0;
  }
  .status {
    margin: auto;
    padding: 16px;
    text-align: center;
  }
  /* Phones: the panel takes the whole viewport (dvh follows the on-screen keyboard). */
  @media (max-width: 480px) {
    :host([open]) {
      inset: 0;
    }
    :host([open]) .panel {
      position: fixed;
      inset: 0;
      width: 100vw;
      height: 100vh;
      height: 100dvh;
      border: none;
      border-radius: 0;
    }
  }
  [hidden] {
    display: none !important;
  }
  button.retry {
    font: inherit;
    margin-top: 8px;
  }
`;
