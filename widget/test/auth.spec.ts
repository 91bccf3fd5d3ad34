import { describe, expect, it } from '@jest/globals';
import { uniqueEmail } from '../../server/test/auth-helpers.js';
import { mountWidget } from './harness.js';

describe('sign-in views', () => {
  it('signs a new user up from the launcher and shows the chat', async () => {
    const page = await mountWidget();
    const events: string[] = [];
    for (const name of ['chat-widget:opened', 'chat-widget:signed-in']) page.widget.addEventListener(name, () => events.push(name));
    await page.click('Open chat');
    await page.click('I need an account');
    await page.type('Name', 'Ada');
    await page.type('Email', uniqueEmail());
    await page.type('Password', 'correct horse battery');
    await page.click('Create account');
    await page.field('Message');
    expect(events).toEqual(['chat-widget:opened', 'chat-widget:signed-in']);
  });
});
