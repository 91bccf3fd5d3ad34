import { provide } from '@lit/context';
import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { AuthController, type AuthState, type SignInMethod } from '../../controllers/auth-controller.js';
import { HostIdentitySync } from '../../controllers/host-identity.js';
import { KeyboardInsetController } from '../../controllers/keyboard-inset-controller.js';
import type { OutboxPlace } from '../../controllers/outbox-controller.js';
import type { WidgetUser } from '../../events.js';
import type { Strings } from '../../i18n/index.js';
import { ApiClient } from '../../services/api-client.js';
import type { ClientConfig, Conversation, PageContext } from '../../services/api-types.js';
import type { AuthService } from '../../services/auth-service.js';
import { createStorage, type StorageKind, type WidgetStorage } from '../../services/storage.js';
import { openTabChannel, type RunAnnouncement, type TabChannel } from '../../services/tab-channel.js';
import { controls } from '../../styles/theme.js';
import type { AccountView } from '../account-view/account-view.component.js';
import type { AuthView } from '../auth-view/auth-view.component.js';
import { apiContext, authContext, stringsContext } from '../base/contexts.js';
import { errorText } from '../base/report-error.js';
import { WidgetElement } from '../base/widget-element.js';
import type { ConversationView } from '../conversation-view/conversation-view.component.js';
import type { HistoryView } from '../history-view/history-view.component.js';
import { pageContext } from './page-context.js';
import { panelStyles } from './chat-panel.styles.js';

type View = 'loading' | 'unavailable' | 'auth' | 'chat';

const DEFAULT_CONFIG: ClientConfig = { providers: [], messageMaxLength: 8000, originAllowed: true, authModes: ['password', 'social'] };

/**
 * The panel behind the launcher, loaded on first open: provides the services (API, auth, strings)
 * to the views inside it, and switches between the sign-in views and the chat with its history as
 * its AuthController says. Internal to `<chat-widget>`.
 */
export class ChatPanel extends WidgetElement {
  static override styles = [controls, panelStyles];

  @property({ attribute: false }) server = '';
  @property({ attribute: false }) heading = '';
  @property({ attribute: false }) greeting = '';
  @property({ attribute: false }) storageKind: StorageKind = 'local';
  @provide({ context: stringsContext }) @property({ attribute: false }) t!: Strings;
  /** Set when the page was opened from a password-reset link. */
  @property({ attribute: false }) resetToken: string | null = null;
  /** The host's context for the agent: a string or a JSON-serializable object, sent with each message. */
  @property({ attribute: false }) context: unknown;
  /** Whether each message also tells the agent the page's URL and title. */
  @property({ attribute: false }) sendPageContext = true;
  /** The host site's login: its identity token ('' for nobody signed in), or the URL that hands out fresh ones. */
  @property({ attribute: false }) identityToken: string | undefined;
  @property({ attribute: false }) identityEndpoint: string | undefined;

  @state() private config: ClientConfig = DEFAULT_CONFIG;
  @state() private configLoaded = false;
  @state() private conversationId: string | null = null;
  @state() private historyOpen = false;
  @state() private accountOpen = false;
  /** The reset link was used (or abandoned for a sign-in): the sign-in view no longer offers it. */
  @state() private resetDone = false;
  /** The signed-in user's messages waiting for the network. */
  @state() private outbox: OutboxPlace | null = null;
  /** A guest (or a visitor about to be one) took the offer to sign in: the sign-in view, with a way back. */
  @state() private guestSigningIn = false;

  @query('chat-widget-auth') private authView?: AuthView;
  @query('chat-widget-conversation') private conversationView?: ConversationView;
  @query('chat-widget-history') private historyView?: HistoryView;
  @query('chat-widget-account') private accountView?: AccountView;

  @provide({ context: apiContext }) private api!: ApiClient;
  @provide({ context: authContext }) protected authService!: AuthService;

  private storage!: WidgetStorage;
  private session!: AuthController;
  private identity!: HostIdentitySync;
  protected readonly keyboardInset = new KeyboardInsetController(this);
  private shownView?: View;
  /** To the signed-in user's other tabs: the runs started here, and theirs. */
  private tabs: TabChannel | null = null;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // The panel is laid out in its language's direction, whatever the page's (an English panel on
    // an Arabic page reads left to right, and the other way round).
    if (changed.has('t')) this.setAttribute('dir', this.t.dir);
  }

  protected override firstUpdated(): void {
    this.storage = createStorage(this.storageKind, this.server);
    this.session = new AuthController(this, this.server, this.storage, this.onAuthState);
    this.authService = this.session.service;
    this.api = new ApiClient(this.server, this.session.service);
    this.identity = new HostIdentitySync(this.session);
    this.identity.token = this.identityToken;
    this.identity.endpoint = this.identityEndpoint;
    void this.start();
  }

  /** Restores the session (if any) and fetches what the server offers; a failure leaves a Retry. */
  private async start(): Promise<void> {
    const config = this.api.config().catch(() => DEFAULT_CONFIG);
    await this.identity.sync(this.resetToken !== null && !this.resetDone);
    this.config = await config;
    // With guests allowed, nobody signs in up front: the first send makes the visitor a guest.
    this.session.service.onGuestSignIn = this.guestsAllowed ? (user) => this.session.signedIn(user, 'guest') : null;
    this.configLoaded = true;
  }

  private get guestsAllowed(): boolean {
    return this.config.authModes.includes('guest');
  }

  /** A guest can be offered to sign in when the widget has a sign-in form or button to show. */
  private get signInOffered(): boolean {
    const { authModes, providers } = this.config;
    return authModes.includes('password') || (authModes.includes('social') && providers.length > 0);
  }

  /** Whoever chats without an account: a guest, or a visitor whose first send will make one. */
  private get chattingAsGuest(): boolean {
    return this.guestsAllowed && (this.session.state === 'signed-out' || this.session.user?.guest === true);
  }

  private view(): View {
    const state = this.session?.state ?? 'starting';
    if (state === 'starting' || !this.configLoaded) return 'loading';
    if (state === 'unavailable') return 'unavailable';
    if (this.chattingAsGuest) return this.guestSigningIn ? 'auth' : 'chat';
    return state === 'signed-in' ? 'chat' : 'auth';
  }

  protected override updated(): void {
    // The host signed someone in or out (setIdentity, clearIdentity, the attributes) after the start.
    if (this.identity && (this.identity.token !== this.identityToken || this.identity.endpoint !== this.identityEndpoint)) {
      this.identity.token = this.identityToken;
      this.identity.endpoint = this.identityEndpoint;
      void this.identity.sync();
    }
    // A new view (sign-in after loading, chat after sign-in, sign-in after expiry) takes the focus
    // while the panel is shown, so keyboard users land on its first control.
    const view = this.view();
    if (view === this.shownView) return;
    const first = this.shownView === undefined;
    this.shownView = view;
    if (!first && !this.hidden) void this.updateComplete.then(() => this.focusFirst());
  }

  focusFirst(): void {
    const view = this.view();
    if (view === 'auth') void this.authView?.focusFirst();
    else if (view === 'chat' && this.accountOpen) this.accountView?.focusFirst();
    else if (view === 'chat') void this.conversationView?.focusComposer();
    else this.shadowRoot?.querySelector<HTMLElement>('button')?.focus();
  }

  newConversation(): void {
    this.selectConversation(null);
  }

  async signOut(): Promise<void> {
    await this.updateComplete;
    this.conversationView?.detach();
    await this.session.signOut();
  }

  override render() {
    const t = this.t;
    // Before a guest's first send there is no history and no session to end.
    const chat = this.view() === 'chat' && this.session.state === 'signed-in';
    return html`
      <div class="header">
        <h2>${this.heading}</h2>
        ${chat
          ? html`<button class="icon" aria-label=${t.history} aria-expanded=${this.historyOpen ? 'true' : 'false'} aria-controls="history" @click=${this.toggleHistory}>${icons.history}</button>
              <button class="icon" aria-label=${t.newConversation} @click=${() => this.newConversation()}>${icons.plus}</button>
              <button class="icon" aria-label=${t.account} aria-expanded=${this.accountOpen ? 'true' : 'false'} aria-controls="account" @click=${this.toggleAccount}>${icons.account}</button>
              <button class="icon" aria-label=${t.signOut} @click=${() => this.signOut()}>${icons.signOut}</button>`
          : nothing}
        <button class="icon" aria-label=${t.closeChat} @click=${this.requestClose}>${icons.close}</button>
      </div>
      ${this.body()}
    `;
  }

  private body() {
    const t = this.t;
    switch (this.view()) {
      case 'loading':
        return html`<p class="status muted" role="status">${t.loading}</p>`;
      case 'unavailable':
        return html`<div class="status" role="alert">
          <p class="error">${errorText(t, this.session.error!)}</p>
          <button @click=${() => this.start()}>${t.retry}</button>
        </div>`;
      case 'auth':
        // Only the site's own login is offered and nobody is logged in on the site: nothing to fill in here.
        if (!this.signInOffered && this.config.authModes.includes('host')) return html`<p class="status muted" role="status">${t.hostSignInNeeded}</p>`;
        return html`<chat-widget-auth
          .server=${this.server}
          .providers=${this.config.providers}
          .passwordAllowed=${this.config.authModes.includes('password')}
          .backLabel=${this.guestSigningIn ? t.backToChat : ''}
          @back=${this.closeGuestSignIn}
          .resetToken=${this.resetDone ? null : this.resetToken}
          .notice=${this.session.expired ? t.errorSession : ''}
          @signed-in=${this.onSignedIn}
          @reset-done=${this.onResetDone}
        ></chat-widget-auth>`;
      case 'chat':
        if (this.accountOpen) {
          return html`<div class="body">
            <chat-widget-account id="account" .user=${this.session.user} @back=${this.toggleAccount} @account-deleted=${this.onAccountDeleted}></chat-widget-account>
          </div>`;
        }
        return html`${this.chattingAsGuest && this.signInOffered
            ? html`<p class="guest-offer"><button class="link" @click=${this.openGuestSignIn}>${t.guestOffer}</button></p>`
            : nothing}
          <div class="body">
          <chat-widget-history
            id="history"
            ?hidden=${!this.historyOpen}
            .current=${this.conversationId}
            @select=${(event: CustomEvent<string>) => this.selectConversation(event.detail)}
            @deleted=${this.onDeleted}
          ></chat-widget-history>
          <chat-widget-conversation
            ?hidden=${this.historyOpen}
            .conversationId=${this.conversationId}
            .greeting=${this.greeting}
            .maxLength=${this.config.messageMaxLength}
            .pageContext=${this.pageContext}
            .outbox=${this.outbox}
            @conversation-changed=${this.onConversationChanged}
            @run-started=${(event: CustomEvent<RunAnnouncement>) => this.tabs?.announce(event.detail)}
            @conversation-gone=${() => this.selectConversation(null)}
          ></chat-widget-conversation>
        </div>`;
    }
  }

  private pageContext = (): PageContext | undefined => pageContext(this.sendPageContext, this.context);

  private get lastConversationKey(): string {
    return `user:${this.session.user?.id}:last-conversation`;
  }

  private onAuthState = (state: AuthState) => {
    this.historyOpen = false;
    this.accountOpen = false;
    // With the host's login, an ended session is replaced by a fresh identity from the host.
    if (state === 'signed-out' && this.session.expired && this.identity?.inUse) void this.identity.sync();
    this.tabs?.close();
    this.tabs = null;
    this.outbox = null;
    if (state === 'signed-in') {
      const userId = this.session.user!.id;
      this.resetDone = true;
      // After a reload the user finds the conversation they left.
      this.conversationId = this.storage.get(this.lastConversationKey);
      this.outbox = { storage: this.storage, key: `user:${userId}:outbox` };
      this.tabs = openTabChannel(this.server, userId, (run) => this.conversationView?.runStarted(run));
    } else if (state === 'signed-out') this.conversationId = null;
  };

  private onSignedIn = (event: CustomEvent<{ user: WidgetUser; method: SignInMethod }>) => {
    // A guest's conversations now belong to the account (the server moved them): carry on where it was.
    const carried = this.session.user?.guest ? this.conversationId : null;
    if (carried) this.storage.remove(this.lastConversationKey);
    this.guestSigningIn = false;
    this.session.signedIn(event.detail.user, event.detail.method);
    if (carried) this.selectConversation(carried);
  };

  private openGuestSignIn = () => {
    this.guestSigningIn = true;
  };

  private closeGuestSignIn = () => {
    this.guestSigningIn = false;
    void this.updateComplete.then(() => this.conversationView?.focusComposer());
  };

  private onResetDone = () => {
    this.resetDone = true;
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

  private toggleAccount = async () => {
    this.accountOpen = !this.accountOpen;
    this.historyOpen = false;
    await this.updateComplete;
    this.focusFirst();
  };

  /** The server deleted everything: what is left here goes too, as on sign-out. */
  private onAccountDeleted = async () => {
    await this.signOut();
  };

  private toggleHistory = async () => {
    this.accountOpen = false;
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
  account: icon('M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0'),
  close: icon('M6 6l12 12M18 6 6 18'),
};
