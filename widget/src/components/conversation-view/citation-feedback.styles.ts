import { css } from 'lit';

/** Citations (the `[n]` buttons, their popover, cited and related sources) and the thumbs under answers. */
export const citationFeedbackStyles = css`
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
`;
