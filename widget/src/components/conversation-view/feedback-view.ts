import { html, nothing, svg } from 'lit';
import type { FeedbackController } from '../../controllers/feedback-controller.js';
import type { Strings } from '../../i18n/index.js';
import type { FeedbackReason, Message } from '../../services/api-types.js';

/** The server's fixed set (FEEDBACK_REASONS), each with its words. */
const REASONS: Array<[FeedbackReason, keyof Strings]> = [
  ['incorrect', 'reasonIncorrect'],
  ['incomplete', 'reasonIncomplete'],
  ['irrelevant', 'reasonIrrelevant'],
  ['bad_sources', 'reasonBadSources'],
  ['other', 'reasonOther'],
];

/** The comment's limit on the server (FEEDBACK_COMMENT_MAX_LENGTH). */
const COMMENT_MAX_LENGTH = 1000;

const thumb = svg`<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path fill="currentColor" d="M1 21h4V9H1v12zm22-11a2 2 0 0 0-2-2h-6.3l.9-4.6v-.3c0-.4-.1-.8-.4-1.1L14.2 1 7.6 7.6C7.2 8 7 8.4 7 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1.2-.7v-2z"/></svg>`;

/** Thumbs up and down under a finished answer (toggle buttons), and the reason form of a thumbs down. */
export function feedbackBar(message: Message, t: Strings, feedback: FeedbackController) {
  const rating = message.feedback?.rating;
  return html`<div class="feedback" role="group" aria-label=${t.rateAnswer}>
      <button type="button" class="rate" aria-pressed=${rating === 'up'} aria-label=${t.rateUp} title=${t.rateUp} @click=${() => feedback.rate(message, 'up')}>${thumb}</button>
      <button type="button" class="rate rate-down" aria-pressed=${rating === 'down'} aria-label=${t.rateDown} title=${t.rateDown} @click=${() => feedback.rate(message, 'down')}>
        ${thumb}
      </button>
    </div>
    ${feedback.formFor === message.id ? reasonForm(message, t, feedback) : nothing}`;
}

function reasonForm(message: Message, t: Strings, feedback: FeedbackController) {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    void feedback.send(message.id, (data.get('reason') as FeedbackReason | null) ?? undefined, String(data.get('comment') ?? ''));
  };
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    // Escape leaves the form, not the whole chat.
    event.stopPropagation();
    feedback.close(message.id);
  };
  return html`<form class="feedback-form" @submit=${submit} @keydown=${cancelOnEscape}>
    <fieldset>
      <legend>${t.feedbackReason}</legend>
      ${REASONS.map(([value, words]) => html`<label><input type="radio" name="reason" value=${value} /> ${t[words]}</label>`)}
    </fieldset>
    <label>${t.feedbackComment}<textarea name="comment" rows="2" maxlength=${COMMENT_MAX_LENGTH}></textarea></label>
    <div class="actions">
      <button type="button" @click=${() => feedback.close(message.id)}>${t.cancel}</button>
      <button class="primary">${t.feedbackSend}</button>
    </div>
  </form>`;
}
