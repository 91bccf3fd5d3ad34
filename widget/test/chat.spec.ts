import { describe, expect, it } from '@jest/globals';
import { answerContains, citedSource, failingMessage, slowAnswerEnd, slowAnswerStart, slowMessage } from './agent-script.js';
import { mountSignedIn, waitFor, type Harness } from './harness.js';

const assistantMessages = (page: Harness) => page.messages().filter((m) => m.classList.contains('assistant'));
const userMessages = (page: Harness) => page.messages().filter((m) => m.classList.contains('user'));
const lastAnswer = (page: Harness) => assistantMessages(page).at(-1);

function nextEvent(page: Harness, name: string): Promise<CustomEvent> {
  return new Promise((resolve) => page.widget.addEventListener(name, resolve as EventListener, { once: true }));
}

describe('chat', () => {
  it('streams the answer as it arrives, then shows it complete with its sources', async () => {
    const { page } = await mountSignedIn();
    const sent = nextEvent(page, 'chat-widget:message-sent');
    const answered = nextEvent(page, 'chat-widget:answer-received');
    const message = slowMessage('streaming test');
    await page.type('Message', message);
    await page.click('Send');

    expect((await sent).detail.message).toMatchObject({ role: 'user', content: message });
    // Part of the answer is on screen while the rest is still coming.
    const partial = await waitFor(() => {
      const answer = lastAnswer(page);
      return answer?.dataset.status === 'streaming' && answer.querySelector('.markdown')?.textContent?.trim() ? answer : null;
    }, 'a partial answer');
    expect(partial.textContent).not.toContain(slowAnswerEnd);
    expect(page.inner('chat-widget-conversation')!.querySelector('[role=log]')!.getAttribute('aria-busy')).toBe('true');
    await page.button('Stop');

    const done = await answered;
    expect(done.detail.message.status).toBe('complete');
    const answer = await waitFor(() => (lastAnswer(page)?.dataset.status === 'complete' ? lastAnswer(page) : null), 'the complete answer');
    expect(answer!.textContent).toContain(answerContains(message));
    const link = answer!.querySelector<HTMLAnchorElement>('.sources a')!;
    expect(link.textContent).toBe(citedSource.title);
    expect(link.href).toBe(citedSource.url);
    expect(link.target).toBe('_blank');
    expect(link.rel).toContain('noopener');
    // The live region announces the finished answer, not each token.
    await page.waitForText('Answer received.');
    await waitFor(() => page.inner('chat-widget-conversation')!.querySelector('[role=log]')!.getAttribute('aria-busy') === 'false', 'the log no longer busy');
  });

  it('stops an answer midway and keeps what arrived', async () => {
    const { page, client } = await mountSignedIn();
    await page.type('Message', slowMessage('stop test'));
    await page.click('Send');
    await waitFor(() => lastAnswer(page)?.querySelector('.markdown')?.textContent?.includes(slowAnswerStart), 'a partial answer');
    await page.click('Stop');
    await waitFor(() => lastAnswer(page)?.dataset.status === 'stopped', 'the stopped answer');
    await page.waitForText('Stopped.');
    expect(lastAnswer(page)!.textContent).toContain(slowAnswerStart);
    await page.button('Send');

    // The server stopped its run and kept the partial answer too.
    const { body } = await client.get('/conversations').expect(200);
    const stored = await waitFor(async () => {
      const page = await client.get(`/conversations/${body.items[0].id}`);
      return page.body.messages.find((m: { role: string; status: string }) => m.role === 'assistant' && m.status === 'stopped');
    }, 'the stored partial answer');
    expect(stored.content).toContain(slowAnswerStart);
    expect(stored.content).not.toContain(slowAnswerEnd);
  });

  it('shows a failed answer with Retry, which re-runs the same message without storing it twice', async () => {
    const { page, client } = await mountSignedIn();
    const errors: CustomEvent[] = [];
    page.widget.addEventListener('chat-widget:error', (e) => errors.push(e as CustomEvent));
    const message = failingMessage('retry test');
    await page.type('Message', message);
    await page.click('Send');
    await page.waitForText('The assistant could not answer.');
    expect(errors[0]!.detail).toMatchObject({ code: expect.stringMatching(/^AGENT_/) });
    expect(userMessages(page)).toHaveLength(1);

    await page.click('Retry');
    await waitFor(() => errors.length === 2, 'the second failure');
    await page.waitForText('The assistant could not answer.');
    expect(userMessages(page)).toHaveLength(1);
    const list = await client.get('/conversations').expect(200);
    const stored = await client.get(`/conversations/${list.body.items[0].id}`).expect(200);
    expect(stored.body.messages.filter((m: { role: string }) => m.role === 'user')).toHaveLength(1);
  });

  it('puts the message back in the composer when the server refused it', async () => {
    const { page } = await mountSignedIn();
    // A NUL byte is refused at the edge (400) before anything is stored.
    const message = 'keep me\u0000please';
    await page.type('Message', message);
    await page.click('Send');
    await waitFor(() => page.byRole('alert').some((e) => e.textContent?.trim()), 'an error');
    expect((await page.field('Message')).value).toBe(message);
    expect(page.messages()).toHaveLength(0);
    await page.button('Retry');
  });

  it('sends on Enter, adds a line on Shift+Enter, and counts down near the limit', async () => {
    const { page } = await mountSignedIn();
    const composer = (await page.field('Message')) as HTMLTextAreaElement;
    await page.type('Message', 'first line');
    const shiftEnter = new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true, composed: true, cancelable: true });
    composer.dispatchEvent(shiftEnter);
    // Left to the browser, which inserts the line break.
    expect(shiftEnter.defaultPrevented).toBe(false);
    await page.widget.updateComplete;
    expect(page.messages()).toHaveLength(0);
    composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
    await waitFor(() => userMessages(page).length === 1, 'the sent message');
    expect(composer.value).toBe('');

    const maxLength = 8000;
    await page.type('Message', 'x'.repeat(maxLength - 5));
    await page.waitForText('5 characters left');
    await page.type('Message', 'x'.repeat(maxLength + 3));
    await page.waitForText('Too long by 3 characters');
    expect((await page.button('Send')).disabled).toBe(true);
  });

  it('reopens the last conversation after a reload, newest messages first, older ones on demand', async () => {
    const { page, client } = await mountSignedIn();
    let conversationId: string | undefined;
    for (let i = 1; i <= 18; i++) {
      const { body } = await client.post(conversationId ? `/conversations/${conversationId}/messages` : '/agents/run', { message: `question ${i}` }).expect(200);
      conversationId = body.conversation.id;
    }
    await page.click('History');
    await page.click('question 1');
    await page.waitForText('question 18');
    page.widget.remove();

    const { mountWidget } = await import('./harness.js');
    const again = await mountWidget();
    await again.widget.open();
    await again.waitForText('question 18');
    // 36 messages, 30 per page: the oldest three exchanges wait behind "Load older messages".
    expect(again.text()).not.toContain('question 3 ');
    await again.click('Load older messages');
    await waitFor(() => again.messages().length === 36, 'all messages');
    expect(again.messages()[0]!.textContent).toContain('question 1');
    expect(again.buttons('Load older messages')).toHaveLength(0);
  });

  it('starts a new conversation from the header and from the JS API', async () => {
    const { page } = await mountSignedIn();
    await page.type('Message', 'first conversation');
    await page.click('Send');
    await waitFor(() => lastAnswer(page)?.dataset.status === 'complete', 'an answer');
    await page.click('New conversation');
    await waitFor(() => page.messages().length === 0, 'an empty conversation');
    await page.waitForText('Hi! How can I help?');

    await page.type('Message', 'second conversation');
    await page.click('Send');
    await waitFor(() => lastAnswer(page)?.dataset.status === 'complete', 'an answer');
    await page.widget.newConversation();
    await waitFor(() => page.messages().length === 0, 'an empty conversation');
  });
});
