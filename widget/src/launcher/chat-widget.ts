import type { ChatPanel } from '../components/chat-panel/chat-panel.component.js';
import type { ChatWidgetEventDetail, ChatWidgetEventName } from '../events.js';
import type { Strings } from '../i18n/index.js';
import { catalogFor, launcherStrings, type LauncherStrings } from '../i18n/launcher.js';
import { takeResetToken } from '../services/reset-link.js';
import type { StorageKind } from '../services/storage.js';
import { launcherStyles } from './launcher.styles.js';
import { preloadPanel } from './preload-panel.js';

type PanelChunk = typeof import('./panel-chunk.js');

/** Extra context for the agent: a string, or any JSON-serialisable object. */
export type HostContext = string | Record<string, unknown>;

/** Before the panel is mounted, the dialog box holds one of these. */
type Placeholder = { kind: 'loading' } | { kind: 'load-failed' } | { kind: 'setup'; text: string; canRetry: boolean };

const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

const CHAT_ICON = `<svg width="26" height="26" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>`;

// Properties a page may have set on the element before this script defined it (upgrade).
const PROPERTIES = ['server', 'heading', 'greeting', 'position', 'theme', 'isOpen', 'locale', 'storage', 'strings', 'context', 'sendPageContext', 'identityToken', 'identityEndpoint'] as const;

let sheet: CSSStyleSheet | undefined;

const apiBase = (server: string) => server.replace(/\/+$/, '');

/** A public event: bubbles and is composed, like the panel's (WidgetElement.emit). */
function emit<K extends ChatWidgetEventName>(target: EventTarget, name: K, detail: ChatWidgetEventDetail<K>): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

/**
 * An AI chat with sign-in and history, in one element. Only this launcher loads with the page: a
 * plain custom element with no framework. Lit and the panel (sign-in, chat, history, Markdown) are
 * fetched on first intent: a hover or focus on the launcher, or opening it.
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
export class ChatWidget extends HTMLElement {
  static observedAttributes = ['server', 'title', 'greeting', 'position', 'theme', 'open', 'locale', 'storage', 'context', 'send-page-context', 'identity-token', 'identity-endpoint'];

  private values = {
    server: SCRIPT_ORIGIN,
    heading: '',
    greeting: '',
    position: 'bottom-right' as 'bottom-right' | 'bottom-left',
    theme: 'auto' as 'light' | 'dark' | 'auto',
    isOpen: false,
    locale: 'en',
    storage: 'local' as StorageKind,
    strings: {} as Partial<Strings>,
    context: undefined as HostContext | undefined,
    sendPageContext: true,
    identityToken: undefined as string | undefined,
    identityEndpoint: undefined as string | undefined,
  };

  private launcher?: HTMLButtonElement;
  private box?: HTMLElement;
  private panel?: ChatPanel;
  private chunk?: Promise<PanelChunk>;
  /** The panel's code, once it has loaded. */
  private code?: PanelChunk;
  private opening?: Promise<void>;
  private placeholder: Placeholder = { kind: 'loading' };
  private rendered?: Promise<void>;
  private wasOpen = false;
  /** From a password-reset link; undefined until the address bar was looked at (once, on first connect). */
  private resetToken: string | null | undefined;

  constructor() {
    super();
    // Set before the upgrade (a framework, or a script that ran before this one): the own property
    // hides the accessor; take the value and let the accessor have it.
    for (const name of PROPERTIES) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = (this as Record<string, unknown>)[name];
        delete (this as Record<string, unknown>)[name];
        (this as Record<string, unknown>)[name] = value;
      }
    }
  }

  /**
   * Base URL of the chat server; defaults to the origin the script was loaded from.
   * @attr server
   */
  get server(): string {
    return this.values.server;
  }
  set server(value: string) {
    this.set('server', value ?? SCRIPT_ORIGIN);
  }

  /**
   * Title shown in the panel header and the dialog's accessible name (the host's tooltip is not affected).
   * @attr title
   */
  get heading(): string {
    return this.values.heading;
  }
  set heading(value: string) {
    this.set('heading', value ?? '');
  }

  /**
   * First message shown in an empty conversation.
   * @attr greeting
   */
  get greeting(): string {
    return this.values.greeting;
  }
  set greeting(value: string) {
    this.set('greeting', value ?? '');
  }

  /**
   * Corner of the viewport. Reflects.
   * @attr position
   */
  get position(): 'bottom-right' | 'bottom-left' {
    return this.values.position;
  }
  set position(value: 'bottom-right' | 'bottom-left') {
    this.set('position', value ?? 'bottom-right');
  }

  /**
   * Colour scheme; `auto` follows `prefers-color-scheme`. Reflects.
   * @attr theme
   */
  get theme(): 'light' | 'dark' | 'auto' {
    return this.values.theme;
  }
  set theme(value: 'light' | 'dark' | 'auto') {
    this.set('theme', value ?? 'auto');
  }

  /**
   * Whether the panel is open (the `open()` method opens it). Reflects.
   * @attr open
   */
  get isOpen(): boolean {
    return this.values.isOpen;
  }
  set isOpen(value: boolean) {
    this.set('isOpen', !!value);
  }

  /**
   * UI language (`en`, `fr`; others fall back to English).
   * @attr locale
   */
  get locale(): string {
    return this.values.locale;
  }
  set locale(value: string) {
    this.set('locale', value ?? 'en');
  }

  /**
   * Where the session is kept: `local` (survives restarts), `session` (this tab), `memory` (this page).
   * @attr storage
   */
  get storage(): StorageKind {
    return this.values.storage;
  }
  set storage(value: StorageKind) {
    this.set('storage', value ?? 'local');
  }

  /** Host overrides for any UI string (see the `en` catalog for keys). Property only. */
  get strings(): Partial<Strings> {
    return this.values.strings;
  }
  set strings(value: Partial<Strings>) {
    this.set('strings', value ?? {});
  }

  /**
   * Extra context for the agent, sent with each message: a string (the attribute), or a JSON-serialisable object (the property).
   * @attr context
   */
  get context(): HostContext | undefined {
    return this.values.context;
  }
  set context(value: HostContext | undefined) {
    this.set('context', value ?? undefined);
  }

  /**
   * Whether each message also carries the page's URL and title; `send-page-context="false"` turns it off.
   * @attr send-page-context
   */
  get sendPageContext(): boolean {
    return this.values.sendPageContext;
  }
  set sendPageContext(value: boolean) {
    this.set('sendPageContext', value !== false);
  }

  /**
   * The host site's login: an identity token its backend signed for its signed-in user, which the
   * widget exchanges for a session with no form; an empty string says nobody is signed in on the
   * host (a session the host's login made then ends). See docs/identity.md.
   * @attr identity-token
   */
  get identityToken(): string | undefined {
    return this.values.identityToken;
  }
  set identityToken(value: string | undefined) {
    this.set('identityToken', value ?? undefined);
  }

  /**
   * A URL on this page's origin that answers `{ "token": "…" }` for the host's signed-in user (with
   * its cookies), asked whenever the widget needs a session: at start, and when one ends.
   * @attr identity-endpoint
   */
  get identityEndpoint(): string | undefined {
    return this.values.identityEndpoint;
  }
  set identityEndpoint(value: string | undefined) {
    this.set('identityEndpoint', value || undefined);
  }

  /** Resolves once the element (and the panel, when loaded) has shown the latest changes. */
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(this.rendered).then(() => this.panel?.updateComplete ?? true);
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    if (name === 'title') this.heading = value ?? '';
    else if (name === 'identity-token') value === null ? void this.clearIdentity() : (this.identityToken = value);
    else if (name === 'identity-endpoint') this.identityEndpoint = value ?? undefined;
    else if (name === 'open') this.isOpen = value !== null;
    else if (name === 'send-page-context') this.sendPageContext = value !== 'false';
    else (this as Record<string, unknown>)[name] = value ?? undefined;
  }

  connectedCallback(): void {
    if (!this.shadowRoot) this.build();
    this.addEventListener('keydown', this.onKeydown);
    if (this.resetToken === undefined) {
      // The token leaves the address bar here and lives on only in memory.
      this.resetToken = takeResetToken();
      if (this.resetToken !== null) this.isOpen = true;
    }
    this.requestRender();
    // Once the host page has loaded and the browser is idle, fetch (not run) the panel's code, so
    // the first open does not wait for the network.
    if (document.readyState === 'complete') preloadPanel();
    else addEventListener('load', preloadPanel, { once: true });
  }

  disconnectedCallback(): void {
    this.removeEventListener('keydown', this.onKeydown);
  }

  /**
   * Opens the panel, fetching it the first time; programmatic, so no `opened` event. Rejects when
   * the panel's code cannot be loaded. A page that may not use the server gets the panel with the
   * explanation (see "Set-up errors" in docs/embedding.md).
   */
  async open(): Promise<void> {
    this.isOpen = true;
    await this.openPanel();
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
    this.panel?.newConversation();
  }

  /** Signs the host's user in with an identity token (the `identity-token` property). */
  setIdentity(token: string): void {
    this.identityToken = token;
  }

  /** The host's user signed out: signs the widget out and clears its storage. Works without opening the panel. */
  async clearIdentity(): Promise<void> {
    this.identityToken = '';
    await this.signOut();
  }

  /** Signs out and clears everything this widget stored for the user. Works without opening the panel. */
  async signOut(): Promise<void> {
    await (await this.mountPanel()).signOut();
  }

  private set<K extends keyof ChatWidget['values']>(key: K, value: ChatWidget['values'][K]): void {
    if (this.values[key] === value) return;
    this.values[key] = value;
    this.requestRender();
  }

  /** Changes are applied together in a microtask, as a Lit element would. */
  private requestRender(): void {
    this.rendered ??= Promise.resolve().then(() => {
      this.rendered = undefined;
      this.render();
    });
  }

  private build(): void {
    const root = this.attachShadow({ mode: 'open' });
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(launcherStyles);
    }
    root.adoptedStyleSheets = [sheet];
    const launcher = document.createElement('button');
    launcher.setAttribute('part', 'launcher');
    launcher.className = 'launcher';
    // The host's `title` is the panel heading; an empty one keeps it from showing as a tooltip here.
    launcher.title = '';
    launcher.setAttribute('aria-haspopup', 'dialog');
    launcher.innerHTML = CHAT_ICON;
    launcher.addEventListener('click', this.userOpen);
    launcher.addEventListener('pointerenter', this.prefetch);
    launcher.addEventListener('focus', this.prefetch);
    root.append(launcher);
    this.launcher = launcher;
  }

  private render(): void {
    if (!this.launcher) return;
    const { isOpen, position, theme } = this.values;
    if (this.getAttribute('position') !== position) this.setAttribute('position', position);
    if (this.getAttribute('theme') !== theme) this.setAttribute('theme', theme);
    this.toggleAttribute('open', isOpen);
    const t: LauncherStrings = { ...catalogFor(launcherStrings, this.values.locale), ...this.values.strings };
    this.launcher.setAttribute('aria-label', t.openChat);
    // Decided before the panel hides: a hidden element loses focus, and then nobody knows where it was.
    const focusWasInside = !isOpen && this.wasOpen && this.shadowRoot!.activeElement !== null;
    this.launcher.hidden = isOpen;
    this.renderBox(t);
    if (isOpen && !this.wasOpen) {
      if (this.panel) void this.panel.updateComplete.then(() => this.panel!.focusFirst());
      else void this.openPanel().catch(() => undefined);
    }
    if (focusWasInside) this.launcher.focus();
    this.wasOpen = isOpen;
  }

  /** The dialog: the panel once mounted, else a box saying what is happening. */
  private renderBox(t: LauncherStrings): void {
    const { isOpen, heading } = this.values;
    if (this.panel) {
      this.box?.remove();
      this.box = undefined;
      this.syncPanel(this.panel, this.code!);
      return;
    }
    if (!isOpen) {
      if (this.box) this.box.hidden = true;
      return;
    }
    const box = (this.box ??= this.shadowRoot!.appendChild(document.createElement('div')));
    box.setAttribute('part', 'panel');
    box.className = 'panel';
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-label', heading || t.defaultTitle);
    box.hidden = false;
    const status = document.createElement('div');
    status.className = 'status';
    const button = (label: string, onClick: () => void) => {
      const element = document.createElement('button');
      element.textContent = label;
      element.addEventListener('click', onClick);
      return element;
    };
    const placeholder = this.placeholder;
    if (placeholder.kind === 'loading') {
      status.setAttribute('role', 'status');
      status.textContent = t.loading;
    } else {
      status.setAttribute('role', 'alert');
      const message = document.createElement('p');
      message.textContent = placeholder.kind === 'setup' ? placeholder.text : t.loadFailed;
      status.append(message);
      if (placeholder.kind === 'load-failed' || placeholder.canRetry) status.append(button(t.retry, this.retry));
      status.append(button(t.closeChat, this.userClose));
    }
    box.replaceChildren(status);
  }

  /** The panel's inputs, from the element's (Lit skips those that did not change). */
  private syncPanel(panel: ChatPanel, code: PanelChunk): void {
    const { isOpen, server, heading, greeting, storage, locale, strings, context, sendPageContext, identityToken, identityEndpoint } = this.values;
    const t = code.resolveStrings(locale, strings);
    panel.setAttribute('aria-label', heading || t.defaultTitle);
    panel.hidden = !isOpen;
    panel.server = apiBase(server);
    panel.heading = heading || t.defaultTitle;
    panel.greeting = greeting || t.emptyGreeting;
    panel.storageKind = storage;
    panel.t = t;
    panel.context = context;
    panel.sendPageContext = sendPageContext;
    panel.identityToken = identityToken;
    panel.identityEndpoint = identityEndpoint;
  }

  private loadChunk(): Promise<PanelChunk> {
    this.chunk ??= import('./panel-chunk.js').then(
      (code) => (this.code = code),
      (error: unknown) => {
        this.chunk = undefined;
        throw error;
      },
    );
    return this.chunk;
  }

  /** Loads the panel's code and mounts the panel, hidden unless the chat is open. */
  private async mountPanel(): Promise<ChatPanel> {
    const code = await this.loadChunk();
    if (!this.panel) {
      const panel = document.createElement('chat-widget-panel') as ChatPanel;
      panel.setAttribute('part', 'panel');
      panel.className = 'panel';
      panel.title = '';
      panel.setAttribute('role', 'dialog');
      panel.hidden = true;
      panel.resetToken = this.resetToken ?? null;
      panel.addEventListener('close-request', this.userClose);
      this.panel = panel;
      this.syncPanel(panel, code);
      this.box?.remove();
      this.box = undefined;
      this.shadowRoot!.append(panel);
    }
    await this.panel.updateComplete;
    return this.panel;
  }

  /**
   * The first open: the panel's code, then the set-up check (may this page use the server?), then
   * the panel itself, focused. A failure leaves the explanation in the dialog, with a Retry where
   * retrying can help.
   */
  private openPanel(): Promise<void> {
    if (this.panel) return this.updateComplete.then(() => undefined);
    this.opening ??= (async () => {
      let code: PanelChunk;
      try {
        code = await this.loadChunk();
      } catch (error) {
        this.showPlaceholder({ kind: 'load-failed' });
        throw error;
      }
      const problem = await code.checkSetup(apiBase(this.values.server));
      if (problem) {
        code.logSetupProblem(problem);
        const text = code.setupProblemText(code.resolveStrings(this.values.locale, this.values.strings), problem);
        this.showPlaceholder({ kind: 'setup', text, canRetry: problem.kind === 'unreachable' });
        return;
      }
      const panel = await this.mountPanel();
      this.requestRender();
      await this.updateComplete;
      if (this.values.isOpen) panel.focusFirst();
    })().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  private showPlaceholder(placeholder: Placeholder): void {
    this.placeholder = placeholder;
    this.requestRender();
    // Keyboard users land on the explanation's first button.
    void this.updateComplete.then(() => this.box?.querySelector('button')?.focus());
  }

  private prefetch = () => void this.loadChunk().catch(() => undefined);

  private retry = () => {
    this.showPlaceholder({ kind: 'loading' });
    void this.openPanel().catch(() => undefined);
  };

  private userOpen = () => {
    this.isOpen = true;
    emit(this, 'chat-widget:opened', {});
  };

  private userClose = () => {
    if (!this.isOpen) return;
    this.isOpen = false;
    emit(this, 'chat-widget:closed', {});
  };

  private onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.isOpen && !event.defaultPrevented) this.userClose();
  };
}
