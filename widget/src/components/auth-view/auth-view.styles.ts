import { css } from 'lit';

export const authStyles = css`
  :host {
    display: block;
    padding: 20px;
    overflow: auto;
  }
  h2 {
    font-size: 1.15rem;
    margin: 0 0 16px;
  }
  form {
    display: grid;
    gap: 12px;
  }
  .field {
    display: grid;
    gap: 4px;
  }
  label {
    font-weight: 600;
  }
  .hint {
    font-weight: 400;
    font-size: 0.875rem;
    margin: 0;
  }
  .row {
    display: flex;
    justify-content: space-between;
    flex-wrap: wrap;
    gap: 8px;
  }
  .providers {
    display: grid;
    gap: 8px;
    margin-top: 16px;
  }
  .or {
    text-align: center;
    margin: 4px 0 0;
  }
  [role='alert'],
  [role='status'] {
    margin: 0;
  }
`;
