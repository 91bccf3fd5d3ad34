import { css, html, LitElement, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import './activity-chart.js';
import { ConsoleApi, ConsoleApiError, type DayRange, defaultRange, rangeQuery, type Schemas } from './console-api.js';
import './console-panel.js';
import { tokens } from './console.styles.js';
import { type ConversationDialog, formatTime } from './conversation-dialog.js';
import type { SignInDetail, SignInForm } from './sign-in-form.js';
import './sign-in-form.js';

/** Each panel, the route it reads and what it holds. */
interface PanelData {
  activity: Schemas['ActivityDto'];
  unanswered: Schemas['UnansweredDto'];
  'rated-down': Schemas['RatedDownDto'];
  'documents/top-cited': Schemas['DocumentsDto'];
  'documents/never-cited': Schemas['DocumentsDto'];
  'audit-log': Schemas['AuditLogDto'];
}
type PanelName = keyof PanelData;
const PANELS: PanelName[] = ['activity', 'unanswered', 'rated-down', 'documents/top-cited', 'documents/never-cited', 'audit-log'];

type Loaded<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; error: string };

const REASONS: Record<string, string> = { no_source: 'no source', low_score: 'low score', rated_down: 'rated down' };

/**
 * The site owner's console: sign-in, then the panels for a date range. Everything it shows comes
 * from /admin/api, which checks the admin role itself; this page only reports the refusal.
 */
@customElement('site-console')
export class SiteConsole extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
        min-height: 100vh;
        background: var(--console-bg);
      }
      header.top {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        align-items: center;
        justify-content: space-between;
        padding: 12px 20px;
        background: var(--console-surface);
        border-bottom: 1px solid var(--console-border);
      }
      h1 {
        font-size: 18px;
        margin: 0;
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 10px;
        align-items: end;
        padding: 14px 20px 0;
      }
      .filters label {
        display: grid;
        gap: 2px;
        font-size: 12px;
        color: var(--console-muted);
      }
      .privacy {
        margin: 0;
        padding: 8px 20px 0;
        font-size: 13px;
      }
      .panels {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 460px), 1fr));
        gap: 16px;
        padding: 16px 20px 32px;
      }
      .wide {
        grid-column: 1 / -1;
      }
      .refused {
        max-width: 520px;
        margin: 10vh auto;
        padding: 24px;
        background: var(--console-surface);
        border: 1px solid var(--console-border);
        border-radius: 10px;
      }
      .refused h1 {
        color: var(--console-danger);
        margin-bottom: 8px;
      }
      code {
        background: var(--console-bg);
        padding: 1px 4px;
        border-radius: 4px;
      }
      ol.groups {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 8px;
      }
      ol.groups > li {
        border: 1px solid var(--console-border);
        border-radius: 8px;
        padding: 8px 10px;
      }
      .count {
        display: inline-block;
        min-width: 2ch;
        text-align: center;
        font-weight: 700;
        background: var(--console-warning-bg);
        border-radius: 999px;
        padding: 0 8px;
        margin-right: 6px;
      }
      details ul {
        margin: 6px 0 0;
        padding-left: 18px;
      }
      .scroll {
        max-height: 420px;
        overflow: auto;
      }
      .link-button {
        border: 0;
        background: none;
        color: var(--console-accent);
        padding: 0;
        text-decoration: underline;
      }
      .comment {
        font-style: italic;
      }
    `,
  ];

  private readonly api = new ConsoleApi();
  @state() private phase: 'signed-out' | 'forbidden' | 'ready' = this.api.signedIn ? 'ready' : 'signed-out';
  @state() private signInError = '';
  @state() private forbiddenMessage = '';
  @state() private settings: Schemas['ConsoleSettingsDto'] | undefined;
  @state() private range: DayRange = defaultRange();
  @state() private panels: { [P in PanelName]: Loaded<PanelData[P]> } = Object.fromEntries(PANELS.map((p) => [p, { state: 'loading' }])) as never;
  @state() private conversation: Schemas['ConsoleConversationDto'] | undefined;
  @query('console-conversation') private conversationDialog!: ConversationDialog;
  @query('console-sign-in') private signInForm: SignInForm | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.phase === 'ready') void this.start();
  }

  override render() {
    if (this.phase === 'signed-out') return html`<console-sign-in .error=${this.signInError} @console-sign-in=${this.signIn}></console-sign-in>`;
    if (this.phase === 'forbidden') {
      return html`<div class="refused" role="alert">
        <h1>Access refused (403)</h1>
        <p>${this.forbiddenMessage}</p>
        <p class="muted">The site owner grants the role with <code>npm run admin:grant -- you@example.com</code>; then sign in again.</p>
        <button type="button" @click=${this.signOut}>Sign out</button>
      </div>`;
    }
    return html`
      <header class="top">
        <h1>Chat console</h1>
        <div>
          <span class="muted">${this.settings?.email ?? ''}</span>
          <button type="button" @click=${this.signOut}>Sign out</button>
        </div>
      </header>
      <main>
      <form class="filters" aria-label="Date range" @change=${this.changeRange} @submit=${(e: Event) => e.preventDefault()}>
        <label>From <input type="date" name="from" .value=${this.range.from} max=${this.range.to} required /></label>
        <label>To <input type="date" name="to" .value=${this.range.to} min=${this.range.from} required /></label>
        <span class="muted">Days are UTC.</span>
      </form>
      ${this.settings
        ? html`<p class="privacy muted">
            ${this.settings.showIdentities ? 'Who asked is shown (ADMIN_SHOW_IDENTITIES=true).' : 'Who asked is hidden; questions are shown without identities.'}
            Opening a conversation is recorded in the audit log.
          </p>`
        : nothing}
      <div class="panels">
        ${this.panel('activity', 'Conversations and answers per day', '', (d) => html`<console-activity-chart .days=${d.days}></console-activity-chart>`, 'wide')}
        ${this.panel(
          'unanswered',
          'Unanswered questions',
          `Answers with no source, a best source score under ${this.settings?.lowScoreThreshold ?? '…'}, or rated down; grouped by similar wording.`,
          (d) => this.unanswered(d),
          'wide',
        )}
        ${this.panel('rated-down', 'Rated-down answers', 'Thumbs down, with the reason and comment the visitor gave.', (d) => this.ratedDown(d), 'wide')}
        ${this.panel('documents/top-cited', 'Top cited documents', 'Knowledge-base documents answers cited most.', (d) => this.documents(d, true))}
        ${this.panel('documents/never-cited', 'Never-cited documents', 'Knowledge-base documents no answer cited in the range.', (d) => this.documents(d, false))}
        ${this.panel('audit-log', 'Audit log', 'Conversations opened in this console: who, which, when.', (d) => this.auditLog(d), 'wide')}
      </div>
      </main>
      <console-conversation .conversation=${this.conversation} @console-close=${() => (this.conversation = undefined)}></console-conversation>
    `;
  }

  private panel<P extends PanelName>(name: P, heading: string, description: string, content: (data: PanelData[P]) => unknown, layout = '') {
    const loaded = this.panels[name] as Loaded<PanelData[P]>;
    return html`<console-panel
      class=${layout}
      heading=${heading}
      description=${description}
      state=${loaded.state}
      error=${loaded.state === 'error' ? loaded.error : ''}
      @console-export=${() => this.export(name)}
      >${loaded.state === 'ready' ? content(loaded.data) : nothing}</console-panel
    >`;
  }

  private unanswered(data: Schemas['UnansweredDto']) {
    if (data.groups.length === 0) return html`<p class="muted">No unanswered questions in this range.</p>`;
    return html`
      <p class="muted">${data.total} unanswered ${data.truncated ? '(the most recent; export for the list)' : ''} in ${data.groups.length} groups shown.</p>
      <ol class="groups scroll">
        ${data.groups.map(
          (g) => html`<li>
            <span class="count" aria-label=${`${g.count} times`}>${g.count}</span>${g.question}
            <div class="muted">${[g.noSource && `${g.noSource} without source`, g.lowScore && `${g.lowScore} low score`, g.ratedDown && `${g.ratedDown} rated down`].filter(Boolean).join(' · ')}</div>
            <details>
              <summary>Examples</summary>
              <ul>
                ${g.examples.map(
                  (e) => html`<li>
                    “${e.question}” <span class="muted">${formatTime(e.askedAt)} · ${e.reasons.map((r) => REASONS[r]).join(', ')}${this.askerText(e.asker)}</span>
                    <button type="button" class="link-button" @click=${() => this.openConversation(e.conversationId)}>Open conversation</button>
                  </li>`,
                )}
              </ul>
            </details>
          </li>`,
        )}
      </ol>
    `;
  }

  private ratedDown(data: Schemas['RatedDownDto']) {
    if (data.answers.length === 0) return html`<p class="muted">No answer was rated down in this range.</p>`;
    return html`<div class="scroll">
      <table>
        <thead>
          <tr><th scope="col">Rated</th><th scope="col">Question</th><th scope="col">Reason and comment</th><th scope="col"><span class="visually-hidden">Conversation</span></th></tr>
        </thead>
        <tbody>
          ${data.answers.map(
            (a) => html`<tr>
              <td>${formatTime(a.ratedAt)}${this.askerText(a.asker)}</td>
              <td>${a.question ?? '—'}</td>
              <td>${a.reason ?? 'no reason'}${a.comment ? html`<div class="comment">“${a.comment}”</div>` : nothing}</td>
              <td><button type="button" class="link-button" @click=${() => this.openConversation(a.conversationId)}>Open conversation</button></td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private documents(data: Schemas['DocumentsDto'], cited: boolean) {
    if (data.documents.length === 0) return html`<p class="muted">${cited ? 'No document was cited in this range.' : 'Every document was cited in this range.'}</p>`;
    return html`<div class="scroll">
      <table>
        <thead>
          <tr><th scope="col">Document</th>${cited ? html`<th scope="col" class="number">Citations</th><th scope="col" class="number">Answers</th>` : nothing}</tr>
        </thead>
        <tbody>
          ${data.documents.map(
            (d) => html`<tr>
              <td><a href=${d.url} target="_blank" rel="noopener noreferrer">${d.title}</a> <div class="muted">${d.path}</div></td>
              ${cited ? html`<td class="number">${d.citations}</td><td class="number">${d.answers}</td>` : nothing}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private auditLog(data: Schemas['AuditLogDto']) {
    if (data.entries.length === 0) return html`<p class="muted">No conversation was opened in this range.</p>`;
    return html`<div class="scroll">
      <table>
        <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th></tr></thead>
        <tbody>
          ${data.entries.map((e) => html`<tr><td>${formatTime(e.at)}</td><td>${e.adminEmail ?? 'deleted account'}</td><td>${e.action} ${e.targetId}</td></tr>`)}
        </tbody>
      </table>
    </div>`;
  }

  private askerText(asker: Schemas['AskerDto'] | undefined): string {
    return asker ? ` · ${asker.name ?? ''} <${asker.email ?? ''}>` : '';
  }

  private async start(): Promise<void> {
    try {
      this.settings = await this.api.get<Schemas['ConsoleSettingsDto']>('/admin/api/settings');
      this.phase = 'ready';
      this.loadPanels();
    } catch (error) {
      this.fail(error);
    }
  }

  private loadPanels(): void {
    for (const name of PANELS) void this.loadPanel(name);
  }

  private async loadPanel(name: PanelName): Promise<void> {
    this.panels = { ...this.panels, [name]: { state: 'loading' } };
    try {
      const data = await this.api.get(`/admin/api/${name}${rangeQuery(this.range)}`);
      this.panels = { ...this.panels, [name]: { state: 'ready', data } };
    } catch (error) {
      if (!this.fail(error)) this.panels = { ...this.panels, [name]: { state: 'error', error: messageOf(error) } };
    }
  }

  private async export(name: PanelName): Promise<void> {
    try {
      await this.api.download(`/admin/api/${name}${rangeQuery(this.range, true)}`);
    } catch (error) {
      if (!this.fail(error)) this.panels = { ...this.panels, [name]: { state: 'error', error: `Export failed: ${messageOf(error)}` } };
    }
  }

  private async openConversation(id: string): Promise<void> {
    try {
      this.conversation = await this.api.get<Schemas['ConsoleConversationDto']>(`/admin/api/conversations/${id}`);
      await this.updateComplete;
      this.conversationDialog.show();
      // A new view is in the audit log now.
      void this.loadPanel('audit-log');
    } catch (error) {
      if (!this.fail(error)) alert(messageOf(error));
    }
  }

  private changeRange(event: Event): void {
    const form = event.currentTarget as HTMLFormElement;
    const from = (form.elements.namedItem('from') as HTMLInputElement).value;
    const to = (form.elements.namedItem('to') as HTMLInputElement).value;
    if (!from || !to || from > to) return;
    this.range = { from, to };
    this.loadPanels();
  }

  private async signIn(event: CustomEvent<SignInDetail>): Promise<void> {
    try {
      await this.api.signIn(event.detail.email, event.detail.password);
      this.signInError = '';
      await this.start();
    } catch (error) {
      this.signInError = error instanceof ConsoleApiError && error.status === 401 ? 'Wrong email or password.' : messageOf(error);
      this.signInForm?.done();
    }
  }

  private async signOut(): Promise<void> {
    await this.api.signOut();
    this.settings = undefined;
    this.phase = 'signed-out';
  }

  /** Handles refusals that change the whole page; false for errors a panel shows itself. */
  private fail(error: unknown): boolean {
    if (error instanceof ConsoleApiError && error.status === 403) {
      this.forbiddenMessage = error.message;
      this.phase = 'forbidden';
      return true;
    }
    if (error instanceof ConsoleApiError && error.status === 401) {
      this.signInError = error.message;
      this.phase = 'signed-out';
      return true;
    }
    return false;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
