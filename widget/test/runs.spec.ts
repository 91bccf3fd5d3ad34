import { afterEach, describe, expect, it } from '@jest/globals';
import { slowAnswerEnd, slowAnswerStart, slowMessage } from './agent-script.js';
import { mountSignedIn, mountWidget, waitFor, type Harness } from './harness.js';

const answers = (page: Harness) => page.messages().filter((m) => m.classList.contains('assistant'));
const answerText = (page: Harness, index = -1) => answers(page).at(index)?.querySelector('.markdown')?.textContent?.trim() ?? '';
const occurrences = (text: string, part: string) => text.split(part).length - 1;

type Client = Awaited<ReturnType<typeof mountSignedIn>>['client'];

/** The newest conversation's messages as the server stored them. */
async function storedMessages(client: Client): Promise<Array<{ role: string; content: string; status: string; runId: string | null }>> {
  const { body } = await client.get('/conversations').expect(200);
  return (await client.get(`/conversations/${body.items[0].id}`).expect(200)).body.messages;
}

// Network faults, as the page's fetch sees them: the first streamed response whose URL matches is
// cut after a few chunks, like a connection dropped mid-answer. Requests are recorded.
const pageFetch = window.fetch;
const requests: Array<{ url: string; lastEventId: string | null }> = [];
let cutNext: RegExp | null = null;

window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
  const url = String(input);
  requests.push({ url, lastEventId: new Headers(init.headers).get('last-event-id') });
  if (!cutNext?.test(url)) return pageFetch(input, init);
  cutNext = null;
  // The connection goes down: the request is aborted underneath the page, which sees its body fail.
  const connection = new AbortController();
  init.signal?.addEventListener('abort', () => connection.abort());
  const response = await pageFetch(input, { ...init, signal: connection.signal });
  const reader = response.body!.getReader();
  let chunks = 0;
  const cut = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (++chunks > 6) {
        connection.abort();
        controller.error(new TypeError('network connection lost'));
        return;
      }
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
  });
  return new Response(cut, { status: response.status, headers: response.headers });
};

afterEach(() => {
  requests.length = 0;
  cutNext = null;
});

describe('runs in the widget', () => {
  it('resumes an answer whose connection dropped from the last event it had, with no text twice', async () => {
    const { page, client } = await mountSignedIn();
    cutNext = /\/agents\/run$/;
    await page.type('Message', slowMessage('dropped connection'));
    await page.click('Send');
    await waitFor(() => requests.some((r) => r.url.endsWith('/events')), 'the reconnection', 15_000);
    await waitFor(() => answers(page)[0]?.dataset.status === 'complete', 'the complete answer', 15_000);

    const resumed = requests.find((r) => r.url.endsWith('/events'))!;
    expect(Number(resumed.lastEventId)).toBeGreaterThan(0);
    const [, stored] = await storedMessages(client);
    expect(resumed.url).toMatch(new RegExp(`/runs/${stored!.runId}/events$`));
    expect(answerText(page)).toBe(stored!.content.trim());
    expect(occurrences(answerText(page), slowAnswerStart)).toBe(1);
    expect(answerText(page)).toContain(slowAnswerEnd);
  });

  it('follows an answer still being written after a reload, from its start, and shows it once', async () => {
    const { page, client } = await mountSignedIn();
    await page.type('Message', slowMessage('reload test'));
    await page.click('Send');
    await waitFor(() => answerText(page).includes(slowAnswerStart), 'a partial answer');
    page.widget.remove();

    const again = await mountWidget();
    await again.widget.open();
    await waitFor(() => answers(again)[0]?.dataset.status === 'streaming' && requests.some((r) => r.url.endsWith('/events')), 'the answer followed again');
    await again.button('Stop');
    await waitFor(() => answers(again)[0]?.dataset.status === 'complete', 'the complete answer', 15_000);
    const [, stored] = await storedMessages(client);
    expect(answerText(again)).toBe(stored!.content.trim());
    expect(occurrences(answerText(again), slowAnswerStart)).toBe(1);
    expect(again.messages()).toHaveLength(2);
  });

  it('shows a run started in another tab as it streams, and stops it from there for both', async () => {
    const { page: first, client } = await mountSignedIn();
    await first.type('Message', 'the first question');
    await first.click('Send');
    await waitFor(() => answers(first)[0]?.dataset.status === 'complete', 'the first answer');
    // Another tab of the same user: same storage, so it opens the same conversation.
    const second = await mountWidget();
    await second.widget.open();
    await waitFor(() => answers(second).length === 1, 'the conversation in the second tab');

    await first.type('Message', slowMessage('two tabs'));
    await first.click('Send');
    await waitFor(() => answers(second)[1]?.dataset.status === 'streaming' && answerText(second, 1).includes(slowAnswerStart), 'the answer streaming in the second tab');
    expect(second.messages()[2]!.textContent).toContain('two tabs');
    await second.click('Stop');
    await waitFor(() => answers(first)[1]?.dataset.status === 'stopped' && answers(second)[1]?.dataset.status === 'stopped', 'the answer stopped in both tabs', 15_000);
    await first.waitForText('Stopped.');
    const stored = await storedMessages(client);
    expect(stored[3]).toMatchObject({ role: 'assistant', status: 'stopped' });
    expect(answerText(first, 1)).toBe(answerText(second, 1));
    expect(answerText(first, 1)).toContain(stored[3]!.content.trim());
    expect(answerText(first, 1)).not.toContain(slowAnswerEnd);
  });

  it('continues a stopped answer in the same message', async () => {
    const { page, client } = await mountSignedIn();
    await page.type('Message', slowMessage('continue test'));
    await page.click('Send');
    await waitFor(() => answerText(page).includes(slowAnswerStart), 'a partial answer');
    await page.click('Stop');
    await waitFor(() => answers(page)[0]?.dataset.status === 'stopped', 'the stopped answer');
    const [, stopped] = await storedMessages(client);

    await page.click('Continue');
    await waitFor(() => answers(page)[0]?.dataset.status === 'complete', 'the continued answer', 15_000);
    const [, continued] = await storedMessages(client);
    expect(continued!.content.startsWith(stopped!.content)).toBe(true);
    expect(continued!.content.length).toBeGreaterThan(stopped!.content.length);
    expect(answerText(page)).toBe(continued!.content.trim());
    expect(page.messages()).toHaveLength(2);
    expect(page.buttons('Continue')).toHaveLength(0);
  });
});
