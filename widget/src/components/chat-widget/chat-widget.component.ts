import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { resolveStrings, type Strings } from '../../i18n/index.js';
import { takeResetToken } from '../../services/reset-link.js';
import type { StorageKind } from '../../services/storage.js';
import { controls, theme } from '../../styles/theme.js';
import { WidgetElement } from '../base/widget-element.js';
import type { ChatPanel } from '../chat-panel/chat-panel.component.js';
import { shellStyles } from './chat-widget.styles.js';

const chatIcon = html`<svg width="26" height="26" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>`;

/**
 * An AI chat with sign-in and history, in one element. Only this launcher loads with the page;
 * the panel (sign-in, chat, history, Markdown) is fetched when the chat is first opened.
 *
 * @tagname chat-widget
 * @summary Embeddable AI chat with Better Auth sign-in and persistent history.
 *
 * @event chat-widget:opened - The user opened the panel.
 * @event chat-widget:closed - The user closed the panel.
 * @event chat-widget:signed-in - `{ user, method }` after sign-in, sign-up, social sign-in or a restored session.
 * @event chat-widget:signed-out - `{ reason: 'user' | 'expired' }`.
 * @event chat-widget:message-sent - `{ conversation, message }` once the server stored the user's message.
 * @event chat-widget:answer-received - `{ conversation, message }` when an answer finished streaming.
 * @event chat-widget:error - `{ code, message, status }` for every failure shown to the user.
 *
 * @csspart launcher - The round button that opens the chat.
 * @csspart panel - The chat window (full screen on narrow viewports).
 *
 * @cssproperty --chat-widget-accent - Buttons, links, the user's bubbles.
 * @cssproperty --chat-widget-on-accent - Text on the accent colour.
 * @cssproperty --chat-widget-background - Panel background.
 * @cssproperty --chat-widget-text - Main text colour.
 * @cssproperty --chat-widget-muted - Secondary text.
 * @cssproperty --chat-widget-surface - Assistant bubbles, secondary buttons.
 * @cssproperty --chat-widget-border - Borders and separators.
 * @cssproperty --chat-widget-danger - Error text.
 * @cssproperty --chat-widget-focus-ring - Keyboard focus outline.
 * @cssproperty --chat-widget-highlight - Search match highlight.
 * @cssproperty --chat-widget-radius - Panel corner radius.
 * @cssproperty --chat-widget-font - Font stack (system fonts by default; nothing is downloaded).
 * @cssproperty --chat-widget-shadow - Launcher and panel shadow.
 * @cssproperty --chat-widget-width - Panel width on desktop.
 * @cssproperty --chat-widget-height - Panel height on desktop.
 * @cssproperty --chat-widget-z-index - Stacking order on the host page.
 */
export class ChatWidget extends WidgetElement {
  static override styles = [theme, controls, shellStyles];

  /** Base URL of the chat server; defaults to the origin the script was loaded from. */
  @property() server = new URL(import.meta.url).origin;

  /** Title shown in the panel header (the `title` attribute; the host's tooltip is not affected). */
  @property({ attribute: 'title' }) heading = '';

  /** First message shown in an empty conversation. */
  @property() greeting = '';

  @property({ reflect: true }) position: 'bottom-right' | 'bottom-left' = 'bottom-right';

  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';

  /** Whether the panel is open (the `open` attribute; the `open()` method opens it). */
  @property({ attribute: 'open', type: Boolean, reflect: true }) isOpen = false;

  /** UI language (`en`, `fr`; others fall back to English). */
  @property() locale = 'en';

  /** Where the session is kept: `local` (survives restarts), `session` (this tab), `memory` (this page). */
  @property() storage: StorageKind = 'local';

  /** Host overrides for any UI string (see the `en` catalog for keys). */
  @property({ attribute: false }) strings: Partial<Strings> = {};

  @state() private panelLoaded = false;
  @state() private loadFailed = false;
  private panelLoading?: Promise<void>;
  /** From a password-reset link; undefined until the address bar was looked at (once, on first connect). */
  private resetToken: string | null | undefined;
  private focusLauncherAfterClose = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKeydown);
    if (this.resetToken === undefined) {
      // The token leaves the address bar here and lives on only in memory.
      this.resetToken = takeResetToken();
      if (this.resetToken !== null) this.isOpen = true;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKeydown);
  }

  /** Opens the panel (fetching it the first time); programmatic, so no `opened` event. */
  async open(): Promise<void> {
    this.isOpen = true;
    await this.ensurePanel();
  }

  /** Closes the panel; programmatic, so no `closed` event. */
  close(): void {
    this.isOpen = false;
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else void this.open().catch(() => undefined);
  }

  /** Opens the panel on an empty conversation. */
  async newConversation(): Promise<void> {
    await this.open();
    this.panel!.newConversation();
  }

  /** Signs out and clears everything this widget stored for the user. Works without opening the panel. */
  async signOut(): Promise<void> {
    await (await this.ensurePanel()).signOut();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('isOpen') && this.isOpen) void this.ensurePanel().catch(() => undefined);
    // Decided before the panel hides: a hidden element loses focus, and then nobody knows where it was.
    if (changed.has('isOpen') && !this.isOpen) this.focusLauncherAfterClose = this.shadowRoot?.activeElement != null;
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    // Focus follows the panel: into it on open, back to the launcher on close.
    if (changed.has('isOpen') && changed.get('isOpen') !== undefined) {
      if (this.isOpen) void this.panel?.updateComplete.then(() => this.panel?.focusFirst());
      else if (this.focusLauncherAfterClose) this.shadowRoot!.querySelector<HTMLElement>('.launcher')?.focus();
    }
  }

  override render() {
    const t = resolveStrings(this.locale, this.strings);
    return html`
      <button part="launcher" class="launcher" title="" aria-label=${t.openChat} aria-haspopup="dialog" ?hidden=${this.isOpen} @click=${this.userOpen} @pointerenter=${this.prefetch} @focus=${this.prefetch}>
        ${chatIcon}
      </button>
      ${this.panelLoaded
        ? html`<chat-widget-panel
            part="panel"
            class="panel"
            title=""
            role="dialog"
            aria-label=${this.heading || t.defaultTitle}
            ?hidden=${!this.isOpen}
            .server=${this.server.replace(/\/+$/, '')}
            .heading=${this.heading || t.defaultTitle}
            .greeting=${this.greeting || t.emptyGreeting}
            .storageKind=${this.storage}
            .t=${t}
            .resetToken=${this.resetToken ?? null}
            @close-request=${this.userClose}
          ></chat-widget-panel>`
        : this.isOpen
          ? html`<div part="panel" class="panel" role="dialog" aria-label=${this.heading || t.defaultTitle}>
              ${this.loadFailed
                ? html`<div class="status" role="alert">${t.loadFailed}<br /><button class="retry" @click=${this.retryLoad}>${t.retry}</button></div>`
                : html`<div class="status" role="status">${t.loading}</div>`}
            </div>`
          : nothing}
    `;
  }

  private get panel(): ChatPanel | null {
    return this.shadowRoot?.querySelector('chat-widget-panel') ?? null;
  }

  private ensurePanel(): Promise<ChatPanel> {
    this.panelLoading ??= import('../chat-panel/define-panel.js').then(
      async () => {
        this.panelLoaded = true;
        this.loadFailed = false;
        await this.updateComplete;
        // Opened before the panel had arrived: focus goes in now.
        if (this.isOpen) this.panel?.focusFirst();
      },
      (error: unknown) => {
        this.panelLoading = undefined;
        this.loadFailed = true;
        throw error;
      },
    );
    return this.panelLoading.then(() => this.updateComplete).then(() => this.panel!);
  }

  private prefetch = () => void this.ensurePanel().catch(() => undefined);

  private retryLoad = () => void this.ensurePanel().catch(() => undefined);

  private userOpen = () => {
    this.isOpen = true;
    this.emit('chat-widget:opened', {});
  };

  private userClose = () => {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.emit('chat-widget:closed', {});
  };

  private onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.isOpen && !event.defaultPrevented) this.userClose();
  };
}
