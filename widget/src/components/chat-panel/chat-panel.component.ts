import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { WidgetUser } from '../../events.js';
import type { Strings } from '../../i18n/index.js';
import { ApiClient } from '../../services/api-client.js';
import type { ApiError } from '../../services/api-error.js';
import type { ClientConfig, Conversation } from '../../services/api-types.js';
import { AuthService } from '../../services/auth-service.js';
import { createStorage, type StorageKind, type WidgetStorage } from '../../services/storage.js';
import { controls } from '../../styles/theme.js';
import type { AuthView } from '../auth-view/auth-view.component.js';
import { errorText, reportError, SESSION_EXPIRED } from '../base/report-error.js';
import { WidgetElement } from '../base/widget-element.js';
import type { ConversationView } from '../conversation-view/conversation-view.component.js';
import type { HistoryView } from '../history-view/history-view.component.js';
import { panelStyles } from './chat-panel.styles.js';

type Phase = 'starting' | 'unavailable' | 'auth' | 'chat';

const DEFAULT_CONFIG: ClientConfig = { providers: [], messageMaxLength: 8000, originAllowed: true };

/**
 * The panel behind the launcher, loaded on first open: owns the services (storage, auth, API) and
 * switches between the sign-in views and the chat with its history. Internal to `<chat-widget>`.
 */
export class ChatPanel extends WidgetElement {
  static override styles = [controls, panelStyles];

  @property({ attribute: false }) server = '';
  @property({ attribute: false }) heading = '';
  @property({ attribute: false }) greeting = '';
  @property({ attribute: false }) storageKind: StorageKind = 'local';
  @property({ attribute: false }) t!: Strings;
  /** Set when the page was opened from a password-reset link. */
  @property({ attribute: false }) resetToken: string | null = null;

  @state() private phase: Phase = 'starting';
  @state() private user: WidgetUser | null = null;
  @state() private config: ClientConfig = DEFAULT_CONFIG;
  @state() private conversationId: string | null = null;
  @state() private historyOpen = false;
  @state() private notice = '';
  @state() private startError: ApiError | null = null;

  @query('chat-widget-auth') private authView?: AuthView;
  @query('chat-widget-conversation') private conversationView?: ConversationView;
  @query('chat-widget-history') private historyView?: HistoryView;

  private storage!: WidgetStorage;
  private auth!: AuthService;
  private api!: ApiClient;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener(SESSION_EXPIRED, this.onSessionExpired);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener(SESSION_EXPIRED, this.onSessionExpired);
  }

  protected override firstUpdated(): void {
    this.storage = createStorage(this.storageKind, this.server);
    this.auth = new AuthService(this.server, this.storage, this.onSessionExpired);
    this.api = new ApiClient(this.server, this.auth);
    void this.start();
  }

  /** Restores the session (if any) and fetches what the server offers; a failure leaves a Retry. */
  private async start(): Promise<void> {
    this.phase = 'starting';
    this.startError = null;
    const config = this.api.config().catch(() => DEFAULT_CONFIG);
    if (this.resetToken !== null || !this.auth.hasSession) {
      this.config = await config;
      this.phase = 'auth';
      return;
    }
    try {
      await this.auth.token();
      this.config = await config;
      // signOut() may have run meanwhile (JS API before the panel ever opened).
      if (!this.auth.hasSession) {
        this.phase = 'auth';
        return;
      }
      this.enterChat(this.auth.user!, 'session');
    } catch (error) {
      const apiError = reportError(this, error);
      // 401: onSessionExpired already switched to the sign-in view.
      if (apiError.status !== 401) {
        this.startError = apiError;
        this.phase = 'unavailable';
      }
    }
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    // A new view (sign-in after loading, chat after sign-in, sign-in after expiry) takes the focus
    // while the panel is shown, so keyboard users land on its first control.
    if (changed.has('phase') && changed.get('phase') !== undefined && !this.hidden) void this.updateComplete.then(() => this.focusFirst());
  }

  focusFirst(): void {
    if (this.phase === 'auth') void this.authView?.focusFirst();
    else if (this.phase === 'chat') void this.conversationView?.focusComposer();
    else this.shadowRoot?.querySelector<HTMLElement>('button')?.focus();
  }

  newConversation(): void {
    this.selectConversation(null);
  }

  async signOut(): Promise<void> {
    await this.updateComplete;
    this.conversationView?.stop();
    const wasSignedIn = this.auth.hasSession;
    await this.auth.signOut();
    this.user = null;
    this.conversationId = null;
    this.historyOpen = false;
    this.notice = '';
    this.phase = 'auth';
    if (wasSignedIn) this.emit('chat-widget:signed-out', { reason: 'user' });
  }

  override render() {
    const t = this.t;
    const chat = this.phase === 'chat';
    return html`
      <div class="header">
        <h2>${this.heading}</h2>
        ${chat
          ? html`<button class="icon" aria-label=${t.history} aria-expanded=${this.historyOpen ? 'true' : 'false'} aria-controls="history" @click=${this.toggleHistory}>${icons.history}</button>
              <button class="icon" aria-label=${t.newConversation} @click=${() => this.newConversation()}>${icons.plus}</button>
              <button class="icon" aria-label=${t.signOut} @click=${() => this.signOut()}>${icons.signOut}</button>`
          : nothing}
        <button class="icon" aria-label=${t.closeChat} @click=${this.requestClose}>${icons.close}</button>
      </div>
      ${this.body()}
    `;
  }

  private body() {
    const t = this.t;
    switch (this.phase) {
      case 'starting':
        return html`<p class="status muted" role="status">${t.loading}</p>`;
      case 'unavailable':
        return html`<div class="status" role="alert">
          <p class="error">${errorText(t, this.startError!)}</p>
          <button @click=${() => this.start()}>${t.retry}</button>
        </div>`;
      case 'auth':
        return html`<chat-widget-auth
          .auth=${this.auth}
          .t=${t}
          .server=${this.server}
          .providers=${this.config.providers}
          .resetToken=${this.resetToken}
          .notice=${this.notice}
          @signed-in=${this.onSignedIn}
        ></chat-widget-auth>`;
      case 'chat':
        return html`<div class="body">
          <chat-widget-history
            id="history"
            ?hidden=${!this.historyOpen}
            .api=${this.api}
            .t=${t}
            .current=${this.conversationId}
            @select=${(event: CustomEvent<string>) => this.selectConversation(event.detail)}
            @deleted=${this.onDeleted}
          ></chat-widget-history>
          <chat-widget-conversation
            ?hidden=${this.historyOpen}
            .api=${this.api}
            .t=${t}
            .conversationId=${this.conversationId}
            .greeting=${this.greeting}
            .maxLength=${this.config.messageMaxLength}
            @conversation-changed=${this.onConversationChanged}
            @conversation-gone=${() => this.selectConversation(null)}
          ></chat-widget-conversation>
        </div>`;
    }
  }

  private get lastConversationKey(): string {
    return `user:${this.user?.id}:last-conversation`;
  }

  private enterChat(user: WidgetUser, method: 'email' | 'sign-up' | 'social' | 'session'): void {
    this.user = user;
    this.notice = '';
    this.resetToken = null;
    // After a reload the user finds the conversation they left.
    this.conversationId = this.storage.get(this.lastConversationKey);
    this.phase = 'chat';
    this.emit('chat-widget:signed-in', { user, method });
  }

  private onSignedIn = (event: CustomEvent<{ user: WidgetUser; method: 'email' | 'sign-up' | 'social' }>) => {
    this.enterChat(event.detail.user, event.detail.method);
  };

  private onSessionExpired = () => {
    if (this.phase === 'auth') return;
    this.auth.forget();
    const wasSignedIn = this.user !== null;
    this.user = null;
    this.historyOpen = false;
    this.notice = this.t.errorSession;
    this.phase = 'auth';
    if (wasSignedIn) this.emit('chat-widget:signed-out', { reason: 'expired' });
  };

  private selectConversation(id: string | null): void {
    this.conversationId = id;
    this.historyOpen = false;
    if (id) this.storage.set(this.lastConversationKey, id);
    else this.storage.remove(this.lastConversationKey);
    void this.updateComplete.then(() => this.conversationView?.focusComposer());
  }

  private onConversationChanged = (event: CustomEvent<Conversation>) => {
    this.conversationId = event.detail.id;
    this.storage.set(this.lastConversationKey, event.detail.id);
  };

  private onDeleted = (event: CustomEvent<string>) => {
    if (event.detail === this.conversationId) {
      this.conversationId = null;
      this.storage.remove(this.lastConversationKey);
    }
  };

  private toggleHistory = async () => {
    this.historyOpen = !this.historyOpen;
    await this.updateComplete;
    if (this.historyOpen) {
      void this.historyView?.refresh();
      this.historyView?.focusSearch();
    } else this.conversationView?.focusComposer();
  };

  private requestClose = () => {
    this.dispatchEvent(new Event('close-request'));
  };
}

const icon = (path: string) =>
  html`<svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true"><path d=${path} /></svg>`;

const icons = {
  history: icon('M3 12a9 9 0 1 0 3-6.7M3 4v5h5M12 7v5l3 3'),
  plus: icon('M12 5v14M5 12h14'),
  signOut: icon('M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10'),
  close: icon('M6 6l12 12M18 6 6 18'),
};
