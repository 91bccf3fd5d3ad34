import { describe, expect, it } from '@jest/globals';
import type { SignedInClient } from '../../server/test/api-client.js';
import { answerContains } from './agent-script.js';
import { mountSignedIn, waitFor, type Harness } from './harness.js';

const rows = (page: Harness) => Array.from(page.inner('chat-widget-history')?.querySelectorAll<HTMLElement>('.title') ?? []).map((e) => e.textContent);

async function createConversations(client: SignedInClient, count: number, text = (i: number) => `topic ${i}`): Promise<string[]> {
  const ids: string[] = [];
  // One after the other: newest activity first means the last one created is on top.
  for (let i = 1; i <= count; i++) ids.push((await client.post('/agents/run', { message: text(i) }).expect(200)).body.conversation.id);
  return ids;
}

describe('history', () => {
  it('lists conversations newest first and loads the next page with the cursor', async () => {
    const { page, client } = await mountSignedIn();
    await createConversations(client, 23);
    await page.click('History');
    await waitFor(() => rows(page).length === 20, 'the first page');
    expect(rows(page)[0]).toBe('topic 23');
    await page.click('Load more');
    await waitFor(() => rows(page).length === 23, 'the second page');
    expect(rows(page).at(-1)).toBe('topic 1');
    expect(page.buttons('Load more')).toHaveLength(0);
  });

  it('searches on the server after a pause in typing and highlights the match', async () => {
    const { page, client } = await mountSignedIn();
    await createConversations(client, 3, (i) => (i === 2 ? 'how do giraffes sleep' : `unrelated ${i}`));
    await page.click('History');
    await waitFor(() => rows(page).length === 3, 'the list');
    await page.type('Search conversations', 'giraffes');
    await waitFor(() => rows(page).length === 1, 'the search result');
    expect(rows(page)[0]).toBe('how do giraffes sleep');
    const mark = page.inner('chat-widget-history')!.querySelector('mark');
    expect(mark?.textContent?.toLowerCase()).toContain('giraffe');

    await page.type('Search conversations', 'zebras');
    await page.waitForText('Nothing found.');
  });

  it('opens a conversation from the list and continues it', async () => {
    const { page, client } = await mountSignedIn();
    await createConversations(client, 2);
    await page.click('History');
    await page.click('topic 1');
    await page.waitForText(answerContains('topic 1'));
    expect((await page.button('History')).getAttribute('aria-expanded')).toBe('false');
    await page.type('Message', 'and a follow-up');
    await page.click('Send');
    await waitFor(() => page.messages().length === 4 && page.messages()[3]!.dataset.status === 'complete', 'the follow-up answer');
    await page.click('History');
    await waitFor(() => rows(page)[0] === 'topic 1', 'topic 1 on top');
  });

  it('renames a conversation in place, Escape cancels', async () => {
    const { page, client } = await mountSignedIn();
    const [id] = await createConversations(client, 1);
    await page.click('History');
    await page.click('Rename topic 1');
    const input = await page.field('Conversation title');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true }));
    await waitFor(() => page.buttons('Rename topic 1').length === 1, 'the row back');
    expect(page.widget.isOpen).toBe(true);

    await page.click('Rename topic 1');
    await page.type('Conversation title', 'Renamed topic');
    await page.click('Save');
    await waitFor(() => rows(page)[0] === 'Renamed topic', 'the new title');
    expect((await client.get(`/conversations/${id}`).expect(200)).body.conversation.title).toBe('Renamed topic');
  });

  it('deletes a conversation after confirmation, and the open one is replaced by a new one', async () => {
    const { page, client } = await mountSignedIn();
    const [first, second] = await createConversations(client, 2);
    await page.click('History');
    await page.click('topic 2');
    await page.waitForText(answerContains('topic 2'));
    await page.click('History');
    await page.click('Delete topic 1');
    await page.waitForText('Delete "topic 1" and all its messages?');
    await page.click('Cancel');
    await page.click('Delete topic 2');
    await page.click('Delete');
    // While a row asks for confirmation it shows no title: wait for the question to go.
    await waitFor(() => !page.byRole('alertdialog').length && rows(page).length === 1, 'one conversation left');
    expect(rows(page)).toEqual(['topic 1']);
    await client.get(`/conversations/${second}`).expect(404);
    await client.get(`/conversations/${first}`).expect(200);
    await page.click('History');
    await page.waitForText('Hi! How can I help?');
  });
});

describe('history across devices', () => {
  it('starts afresh when the last conversation was deleted elsewhere', async () => {
    const { page, client } = await mountSignedIn();
    await page.type('Message', 'soon gone');
    await page.click('Send');
    await waitFor(() => page.messages().at(-1)?.dataset.status === 'complete', 'the answer');
    const { body } = await client.get('/conversations').expect(200);
    await client.delete(`/conversations/${body.items[0].id}`).expect(204);
    page.widget.remove();

    const { mountWidget } = await import('./harness.js');
    const again = await mountWidget();
    await again.widget.open();
    await again.waitForText('Hi! How can I help?');
    expect(again.byRole('alert').filter((e) => e.textContent?.trim())).toEqual([]);
  });
});
