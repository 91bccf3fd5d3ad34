import { describe, expect, it } from '@jest/globals';
import { answerContains } from './agent-script.js';
import { mountSignedIn, mountWidget, waitFor, type Harness } from './harness.js';

const lastAnswer = (page: Harness) => page.messages().filter((m) => m.classList.contains('assistant')).at(-1);

async function answered(page: Harness, message: string) {
  await page.type('Message', message);
  await page.click('Send');
  return waitFor(() => {
    const answer = lastAnswer(page);
    return answer?.dataset.status === 'complete' && answer.querySelector('.feedback') && answer.textContent!.includes(answerContains(message)) ? answer : null;
  }, 'a finished answer with its thumbs');
}

const thumbs = (answer: HTMLElement) => {
  const group = answer.querySelector('[role=group]')!;
  const [up, down] = Array.from(group.querySelectorAll<HTMLButtonElement>('button'));
  return { group, up: up!, down: down! };
};

describe('feedback on answers', () => {
  it('toggles a thumbs up, stored on the server and announced', async () => {
    const { page, client } = await mountSignedIn();
    const answer = await answered(page, 'feedback up');
    const { group, up, down } = thumbs(answer);
    expect(group.getAttribute('aria-label')).toBe('Rate this answer');
    expect([up.getAttribute('aria-label'), up.getAttribute('aria-pressed'), down.getAttribute('aria-label'), down.getAttribute('aria-pressed')]).toEqual(['Helpful', 'false', 'Not helpful', 'false']);
    up.click();
    await waitFor(() => thumbs(lastAnswer(page)!).up.getAttribute('aria-pressed') === 'true', 'thumbs up pressed');
    await page.waitForText('Thanks for your feedback.');
    const stored = async () => {
      const conversationId = (await client.get('/conversations').expect(200)).body.items[0].id;
      return (await client.get(`/conversations/${conversationId}`).expect(200)).body.messages.at(-1).feedback;
    };
    expect(await stored()).toMatchObject({ rating: 'up' });
    // Pressing it again takes it back.
    thumbs(lastAnswer(page)!).up.click();
    await waitFor(() => thumbs(lastAnswer(page)!).up.getAttribute('aria-pressed') === 'false', 'thumbs up released');
    await page.waitForText('Feedback removed.');
    expect(await stored()).toBeNull();
  });

  it('thumbs down offers a reason and a comment, by keyboard, and the state survives a reload', async () => {
    const { page, client } = await mountSignedIn();
    const answer = await answered(page, 'feedback down');
    thumbs(answer).down.click();
    const view = page.inner('chat-widget-conversation')!;
    const form = await waitFor(() => lastAnswer(page)!.querySelector('form.feedback-form'), 'the reason form');
    // Focus moves into the form, on the first reason.
    await waitFor(() => view.activeElement === form.querySelector('input[type=radio]'), 'focus on the first reason');
    expect(form.querySelector('legend')!.textContent).toBe('What was wrong? (optional)');
    const reasons = Array.from(form.querySelectorAll<HTMLInputElement>('input[type=radio]'));
    expect(reasons.map((r) => r.value)).toEqual(['incorrect', 'incomplete', 'irrelevant', 'bad_sources', 'other']);
    expect(form.querySelector('textarea')!.maxLength).toBe(1000);
    // Escape closes the form (the thumbs down stays) and gives focus back to the thumb.
    form.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await waitFor(() => !lastAnswer(page)!.querySelector('form.feedback-form'), 'the form closed');
    await waitFor(() => view.activeElement === thumbs(lastAnswer(page)!).down, 'focus back on the thumb');
    expect(thumbs(lastAnswer(page)!).down.getAttribute('aria-pressed')).toBe('true');

    // Thumbs down again takes it back; once more opens the form again.
    thumbs(lastAnswer(page)!).down.click();
    await waitFor(() => thumbs(lastAnswer(page)!).down.getAttribute('aria-pressed') === 'false', 'thumbs down released');
    thumbs(lastAnswer(page)!).down.click();
    const again = await waitFor(() => lastAnswer(page)!.querySelector<HTMLFormElement>('form.feedback-form'), 'the reason form again');
    again.querySelector<HTMLInputElement>('input[value=incomplete]')!.checked = true;
    again.querySelector('textarea')!.value = 'It skips the CSP part.';
    again.requestSubmit();
    await waitFor(() => !lastAnswer(page)!.querySelector('form.feedback-form'), 'the form sent');
    await page.waitForText('Thanks for your feedback.');
    const conversationId = (await client.get('/conversations').expect(200)).body.items[0].id;
    const stored = (await client.get(`/conversations/${conversationId}`).expect(200)).body.messages.at(-1).feedback;
    expect(stored).toMatchObject({ rating: 'down', reason: 'incomplete', comment: 'It skips the CSP part.' });

    // A fresh widget (same session), the same conversation: the thumbs down shows pressed.
    page.widget.remove();
    const reloaded = await mountWidget();
    await reloaded.widget.open();
    await reloaded.click('History');
    const entry = await waitFor(() => reloaded.inner('chat-widget-history')?.querySelector<HTMLButtonElement>('.entry button.open'), 'the history');
    entry.click();
    await waitFor(() => {
      const answer = lastAnswer(reloaded);
      return answer && answer.querySelector('.feedback') && thumbs(answer).down.getAttribute('aria-pressed') === 'true';
    }, 'the stored thumbs down shown');
  });
});
