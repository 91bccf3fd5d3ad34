import { afterEach, describe, expect, it } from '@jest/globals';
import { answerContains } from './agent-script.js';
import { guestServerUrl, mountSignedIn, mountWidget, serverUrl, waitFor, type Harness } from './harness.js';

// The network as the page sees it: navigator.onLine and the online event, as a browser reports
// losing and finding its connection.
let online = true;
Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => online });

function goOffline(): void {
  online = false;
  window.dispatchEvent(new Event('offline'));
}

function goOnline(): void {
  online = true;
  window.dispatchEvent(new Event('online'));
}

afterEach(() => {
  online = true;
});

const queued = (page: Harness) => Array.from(page.inner('chat-widget-conversation')?.querySelectorAll<HTMLElement>('li.queued') ?? []);
const outboxKey = (userId: string) => `chat-widget:${serverUrl()}:user:${userId}:outbox`;
const stored = (raw: string | null) => (JSON.parse(raw ?? '[]') as Array<{ text: string; clientMessageId: string }>).map((m) => m.text);

type Client = Awaited<ReturnType<typeof mountSignedIn>>['client'];

/** Every user message the server stored for this user, in all conversations. */
async function storedUserMessages(client: Client): Promise<string[]> {
  const { body } = await client.get('/conversations').expect(200);
  const texts: string[] = [];
  for (const conversation of body.items as Array<{ id: string }>) {
    const page = await client.get(`/conversations/${conversation.id}`).expect(200);
    texts.push(...page.body.messages.filter((m: { role: string }) => m.role === 'user').map((m: { content: string }) => m.content));
  }
  return texts;
}

describe('offline queue', () => {
  it('keeps messages written offline visible and removable, then sends each once when the network is back', async () => {
    const { page, client } = await mountSignedIn();
    goOffline();
    await page.type('Message', 'first written offline');
    await page.click('Send');
    await waitFor(() => queued(page).length === 1, 'the queued message');
    expect(queued(page)[0]!.textContent).toContain('Waiting to send');
    expect(page.messages()).toHaveLength(0);
    await page.waitForText('You are offline. Your message will be sent when you are back online.');
    expect(stored(localStorage.getItem(outboxKey(client.user.userId)))).toEqual(['first written offline']);

    await page.type('Message', 'second, taken back');
    await page.click('Send');
    await waitFor(() => queued(page).length === 2, 'two queued messages');
    (await page.buttons('Remove unsent message'))[1]!.click();
    await waitFor(() => queued(page).length === 1, 'one queued message left');
    expect(stored(localStorage.getItem(outboxKey(client.user.userId)))).toEqual(['first written offline']);
    expect(await storedUserMessages(client)).toEqual([]);

    goOnline();
    await waitFor(() => page.messages().find((m) => m.classList.contains('assistant') && m.dataset.status === 'complete'), 'the answer');
    expect(page.messages()[1]!.textContent).toContain(answerContains('first written offline'));
    expect(queued(page)).toHaveLength(0);
    expect(localStorage.getItem(outboxKey(client.user.userId))).toBeNull();
    // A second "online" (a flaky network) sends nothing again.
    goOnline();
    await page.widget.updateComplete;
    expect(await storedUserMessages(client)).toEqual(['first written offline']);
  });

  it('sends what waited when the page is opened again online, once', async () => {
    const { page, client } = await mountSignedIn();
    goOffline();
    await page.type('Message', 'written before a reload');
    await page.click('Send');
    await waitFor(() => queued(page).length === 1, 'the queued message');
    page.widget.remove();

    online = true;
    const again = await mountWidget();
    await again.widget.open();
    await waitFor(() => again.messages().find((m) => m.classList.contains('assistant') && m.dataset.status === 'complete'), 'the answer');
    expect(again.messages().filter((m) => m.classList.contains('user')).map((m) => m.textContent)).toEqual([expect.stringContaining('written before a reload')]);
    expect(await storedUserMessages(client)).toEqual(['written before a reload']);
  });

  it('keeps the text of a visitor who is nobody yet (a guest before the first send) in the composer, with Retry', async () => {
    const page = await mountWidget({ server: guestServerUrl() });
    await page.widget.open();
    goOffline();
    await page.type('Message', 'a guest offline');
    await page.click('Send');
    await page.waitForText('You are offline. Your message is kept; retry when you are back online.');
    expect((await page.field('Message')).value).toBe('a guest offline');
    expect(queued(page)).toHaveLength(0);

    goOnline();
    await page.click('Retry');
    await waitFor(() => page.messages().find((m) => m.classList.contains('assistant') && m.dataset.status === 'complete'), 'the answer');
    expect(page.messages()[1]!.textContent).toContain(answerContains('a guest offline'));
  });
});
