import { describe, expect, it } from '@jest/globals';
import { mountSignedIn, waitFor } from './harness.js';

const widgetKeys = () => Object.keys(localStorage).filter((key) => key.startsWith('chat-widget:'));
const focused = (root: ShadowRoot | null) => root?.activeElement?.textContent?.trim();

describe('the account view', () => {
  it('deletes the account and all its data after a confirmation that Escape and Cancel leave', async () => {
    const { page, client } = await mountSignedIn();
    await client.post('/agents/run', { message: 'Something to delete' }).expect(200);
    const signedOut: unknown[] = [];
    page.widget.addEventListener('chat-widget:signed-out', (event) => signedOut.push((event as CustomEvent).detail));

    await page.click('Account');
    await page.click('Delete my account and data');
    await page.waitForText('It cannot be undone.');
    const account = page.inner('chat-widget-account');
    // The safe choice has the focus: Enter on the warning deletes nothing.
    expect(focused(account)).toBe('Cancel');
    account!.querySelector('[role="alertdialog"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await waitFor(() => page.buttons('Yes, delete everything').length === 0, 'the confirmation to close');
    expect(page.widget.isOpen).toBe(true);
    expect(focused(account)).toBe('Delete my account and data');

    await page.click('Delete my account and data');
    await page.click('Yes, delete everything');
    await page.field('Email');
    expect(widgetKeys()).toEqual([]);
    expect(signedOut).toEqual([{ reason: 'user' }]);
    const after = await client.get('/users/me');
    expect(after.status).toBe(401);
  });

  it('downloads everything stored about the user', async () => {
    const { page } = await mountSignedIn();
    const downloads: string[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    };
    try {
      await page.click('Account');
      await page.click('Download my data');
      await waitFor(() => downloads.length > 0, 'a download');
      expect(downloads[0]).toMatch(/^chat-data-\d{4}-\d{2}-\d{2}\.json$/);
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
  });
});
