import { reportError } from '../components/base/report-error.js';
import type { WidgetElement } from '../components/base/widget-element.js';
import type { Strings } from '../i18n/index.js';
import type { ApiClient } from '../services/api-client.js';
import type { FeedbackReason, Message, MessageFeedback, RateMessageBody } from '../services/api-types.js';
import type { ApiError } from '../services/api-error.js';

export interface FeedbackOptions {
  api(): ApiClient;
  t(): Strings;
  /** The feedback on answer `id` is stored (null: removed). */
  saved(id: string, feedback: MessageFeedback | null): void;
  failed(error: ApiError): void;
}

/**
 * Thumbs up and down on answers: pressing a thumb stores it at once (pressing it again takes it
 * back); a thumbs down then offers an optional reason and comment. The outcome is announced.
 */
export class FeedbackController {
  /** The answer whose reason form is open. */
  formFor: string | null = null;
  /** For the live region. */
  announcement = '';

  constructor(
    private readonly host: WidgetElement,
    private readonly options: FeedbackOptions,
  ) {}

  async rate(message: Message, rating: RateMessageBody['rating']): Promise<void> {
    const again = message.feedback?.rating === rating;
    this.formFor = !again && rating === 'down' ? message.id : null;
    await this.save(message.id, again ? null : { rating });
    if (this.formFor) void this.focus(`[data-message="${message.id}"] .feedback-form input`);
  }

  async send(id: string, reason: FeedbackReason | undefined, comment: string): Promise<void> {
    this.close(id);
    await this.save(id, { rating: 'down', ...(reason ? { reason } : {}), ...(comment.trim() ? { comment } : {}) });
  }

  /** Closes the form; focus goes back to the thumb that opened it. */
  close(id: string): void {
    this.formFor = null;
    void this.focus(`[data-message="${id}"] .rate-down`);
  }

  private async save(id: string, body: RateMessageBody | null): Promise<void> {
    const api = this.options.api();
    this.announcement = '';
    try {
      const feedback = body ? await api.rateMessage(id, body) : (await api.clearFeedback(id), null);
      this.options.saved(id, feedback);
      // Emptied first, so the same words are announced again for a second answer.
      await this.host.updateComplete;
      this.announcement = body ? this.options.t().feedbackThanks : this.options.t().feedbackRemoved;
    } catch (error) {
      this.formFor = null;
      this.options.failed(reportError(this.host, error));
    }
    this.host.requestUpdate();
  }

  private async focus(selector: string): Promise<void> {
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}
