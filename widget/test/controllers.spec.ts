import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { signedInClient } from '../../server/test/api-client.js';
import { SESSION_EXPIRED } from '../src/components/base/report-error.js';
import { define, WidgetElement } from '../src/components/base/widget-element.js';
import type { ChatPanel } from '../src/components/chat-panel/chat-panel.component.js';
import { AuthController } from '../src/controllers/auth-controller.js';
import { ChatRunController, type ChatRunOptions } from '../src/controllers/chat-run-controller.js';
import { resolveStrings } from '../src/i18n/index.js';
import { ApiClient } from '../src/services/api-client.js';
import { createStorage } from '../src/services/storage.js';
import { answerContains, failingMessage, slowAnswerStart, slowMessage } from './agent-script.js';
import { mountSignedIn, serverUrl, sessionKey, waitFor } from './harness.js';

/** A bare element to host one controller, as a component would. */
class ControllerHost extends WidgetElement {}
define('test-controller-host', ControllerHost);

function mountHost(): ControllerHost {
  const host = document.createElement('test-controller-host') as ControllerHost;
  document.body.append(host);
  return host;
}

function events(host: HTMLElement, ...names: string[]): Array<{ name: string; detail: unknown }> {
  const seen: Array<{ name: string; detail: unknown }> = [];
  for (const name of names) host.addEventListener(name, (event) => seen.push({ name, detail: (event as CustomEvent).detail }));
  return seen;
}

async function signedInAuth(host: ControllerHost) {
  const client = await signedInClient(serverUrl());
  localStorage.setItem(sessionKey(), client.user.sessionToken);
  const auth = new AuthController(host, serverUrl(), createStorage('local', serverUrl()));
  return { auth, client };
}

describe('AuthController', () => {
  it('starts signed out without a stored session', async () => {
    const auth = new AuthController(mountHost(), serverUrl(), createStorage('local', serverUrl()));
    expect(auth.state).toBe('starting');
    await auth.restore();
    expect(auth.state).toBe('signed-out');
    expect(auth.user).toBeNull();
  });

  it('restores a stored session, then signs out and forgets it', async () => {
    const host = mountHost();
    const seen = events(host, 'chat-widget:signed-in', 'chat-widget:signed-out');
    const { auth, client } = await signedInAuth(host);
    await auth.restore();
    expect(auth.state).toBe('signed-in');
    expect(auth.user!.email).toBe(client.user.email);
    await auth.signOut();
    expect(auth.state).toBe('signed-out');
    expect(localStorage.getItem(sessionKey())).toBeNull();
    expect(seen).toEqual([
      { name: 'chat-widget:signed-in', detail: { user: auth.user ?? expect.anything(), method: 'session' } },
      { name: 'chat-widget:signed-out', detail: { reason: 'user' } },
    ]);
  });

  it('goes to signed out, marked expired, when something inside its host reports an expired session', async () => {
    const host = mountHost();
    const seen = events(host, 'chat-widget:signed-out');
    const { auth } = await signedInAuth(host);
    await auth.restore();
    const inner = document.createElement('div');
    host.append(inner);
    inner.dispatchEvent(new Event(SESSION_EXPIRED, { bubbles: true, composed: true }));
    expect(auth.state).toBe('signed-out');
    expect(auth.expired).toBe(true);
    expect(localStorage.getItem(sessionKey())).toBeNull();
    expect(seen).toEqual([{ name: 'chat-widget:signed-out', detail: { reason: 'expired' } }]);
  });
});

describe('ChatRunController', () => {
  async function runner(overrides: Partial<ChatRunOptions> = {}) {
    const host = mountHost();
    const { auth } = await signedInAuth(host);
    await auth.restore();
    const created: string[] = [];
    const notSent: string[] = [];
    const started: string[] = [];
    const run = new ChatRunController(host, {
      api: () => new ApiClient(serverUrl(), auth.service),
      t: () => resolveStrings('en'),
      pageContext: () => undefined,
      conversationCreated: (conversation) => created.push(conversation.id),
      notSent: (outgoing) => notSent.push(outgoing.text),
      queue: () => undefined,
      stored: () => undefined,
      started: (announced) => started.push(announced.runId),
      settled: () => undefined,
      grew: () => undefined,
      ...overrides,
    });
    return { host, run, created, notSent, started };
  }

  it('sends a message, streams the answer in, and reports the new conversation once', async () => {
    const { host, run, created } = await runner();
    const seen = events(host, 'chat-widget:message-sent', 'chat-widget:answer-received');
    const sending = run.send('controller test');
    expect(run.streaming).toBe(true);
    expect(run.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    await sending;
    expect(run.streaming).toBe(false);
    expect(run.messages[1]).toMatchObject({ role: 'assistant', status: 'complete' });
    expect(run.messages[1]!.content).toContain(answerContains('controller test'));
    expect(created).toEqual([run.conversationId]);
    expect(seen.map((e) => e.name)).toEqual(['chat-widget:message-sent', 'chat-widget:answer-received']);
    expect(run.announcement).toBe('Answer received.');

    await run.send('a follow-up');
    expect(run.messages).toHaveLength(4);
    expect(created).toHaveLength(1);
  });

  it('stops a streaming answer on the server and keeps what arrived', async () => {
    const { run, started } = await runner();
    const sending = run.send(slowMessage('controller stop'));
    await waitFor(() => run.messages[1]?.content.includes(slowAnswerStart), 'the first tokens');
    run.stop();
    await sending;
    expect(started).toEqual([run.messages[1]!.runId]);
    expect(run.messages[1]!.status).toBe('stopped');
    expect(run.announcement).toBe('Stopped.');
    expect(run.messages[1]!.content).toContain(slowAnswerStart);
  });

  it('keeps a failed run for retry, which sends the same message without a second copy', async () => {
    const { run } = await runner();
    await run.send(failingMessage('controller retry'));
    expect(run.failure?.retry?.text).toBe(failingMessage('controller retry'));
    expect(run.failureText()).toBe('The assistant could not answer. Retry?');
    const resent = run.retry();
    expect(resent?.text).toBe(failingMessage('controller retry'));
    await waitFor(() => !run.streaming && run.failure, 'the second failure');
    expect(run.messages.filter((m) => m.role === 'user')).toHaveLength(1);
  });

  it('hands back a message that never reached the server', async () => {
    const { run, notSent } = await runner();
    await run.send('refused\u0000here');
    expect(notSent).toEqual(['refused\u0000here']);
    expect(run.messages).toEqual([]);
    expect(run.failure?.error.status).toBe(400);
  });
});

describe('page context', () => {
  const storedContext = async (content: string) => {
    const db = new pg.Client({ connectionString: process.env.WIDGET_TEST_DATABASE_URL });
    await db.connect();
    try {
      return (await db.query(`SELECT page_context FROM messages WHERE role = 'user' AND content = $1`, [content])).rows[0]?.page_context;
    } finally {
      await db.end();
    }
  };
  const panelOf = (page: Awaited<ReturnType<typeof mountSignedIn>>['page']) => page.widget.shadowRoot!.querySelector('chat-widget-panel') as ChatPanel;

  it('sends the page’s address (without query or fragment) and title, with the host’s context', async () => {
    history.replaceState(null, '', '/docs/settings?token=secret#alerts');
    document.title = 'Settings – Lumen';
    const { page } = await mountSignedIn();
    panelOf(page).context = { section: 'alerts', plan: 'pro' };
    await page.type('Message', 'What does this setting do?');
    await page.click('Send');
    await waitFor(() => storedContext('What does this setting do?'), 'the stored message');
    expect(await storedContext('What does this setting do?')).toEqual({ url: 'http://host.test/docs/settings', title: 'Settings – Lumen', data: { section: 'alerts', plan: 'pro' } });
  });

  it('sends only the host’s context when the page opted out', async () => {
    const { page } = await mountSignedIn();
    panelOf(page).sendPageContext = false;
    panelOf(page).context = 'Pricing page';
    await page.type('Message', 'Opted out?');
    await page.click('Send');
    await waitFor(() => storedContext('Opted out?'), 'the stored message');
    expect(await storedContext('Opted out?')).toEqual({ data: 'Pricing page' });
  });
});
