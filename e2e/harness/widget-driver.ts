import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { projectRoot } from '../../server/src/common/project-root.js';

/** Generous: two cores shared with other work; every wait is for an event, never a fixed sleep. */
export const UI_TIMEOUT = 45_000;

export interface Credentials {
  name: string;
  email: string;
  password: string;
}

/**
 * Drives `<chat-widget>` the way a visitor does, through accessible roles and names only
 * (Playwright's locators pierce the widget's open shadow root).
 */
export class WidgetDriver {
  constructor(readonly page: Page) {}

  get messageBox(): Locator {
    return this.page.getByRole('textbox', { name: 'Message' });
  }

  get log(): Locator {
    return this.page.getByRole('log', { name: 'Messages' });
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  async open(): Promise<void> {
    await this.button('Open chat').click({ timeout: UI_TIMEOUT });
    await this.page.getByRole('dialog').waitFor({ timeout: UI_TIMEOUT });
  }

  /** Opens the panel unless it is open already (the widget may remember it across reloads). */
  async ensureOpen(): Promise<void> {
    await this.page.getByRole('dialog').or(this.button('Open chat')).first().waitFor({ timeout: UI_TIMEOUT });
    if (await this.button('Open chat').isVisible()) await this.open();
  }

  get conversationList(): Locator {
    return this.page.getByRole('list', { name: 'Conversations' });
  }

  /** A conversation's entry in the history list, by the start of its title (not its Rename/Delete buttons). */
  conversation(title: string): Locator {
    return this.conversationList.getByRole('button', { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
  }

  /** Opens a past conversation from the history list, by the start of its title. */
  async openConversation(title: string): Promise<void> {
    await this.button('History').click({ timeout: UI_TIMEOUT });
    await this.conversation(title).click({ timeout: UI_TIMEOUT });
    await this.messageBox.waitFor({ timeout: UI_TIMEOUT });
    await this.idle();
  }

  async signUp(user: Credentials): Promise<void> {
    await this.submitSignUp(user);
    await this.messageBox.waitFor({ timeout: UI_TIMEOUT });
  }

  /** Fills and sends the sign-up form, without waiting for what follows. */
  async submitSignUp(user: Credentials): Promise<void> {
    await this.button('I need an account').click({ timeout: UI_TIMEOUT });
    await this.page.getByLabel('Name').fill(user.name);
    await this.page.getByLabel('Email').fill(user.email);
    await this.page.getByLabel('Password').fill(user.password);
    await this.button('Create account').click();
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.button('Sign in').click();
  }

  /** Sends a message and waits until the answer to it has finished streaming. */
  async ask(question: string): Promise<Locator> {
    const before = await this.answers().count();
    await this.messageBox.fill(question);
    await this.button('Send').click();
    const answer = this.answers().nth(before);
    await answer.waitFor({ timeout: UI_TIMEOUT });
    await this.idle();
    return answer;
  }

  /** Waits until nothing streams or loads in the message log (it is `aria-busy` meanwhile). */
  async idle(): Promise<void> {
    await this.log.and(this.page.locator('[aria-busy="false"]')).waitFor({ timeout: UI_TIMEOUT });
  }

  /** The agent's answers; each message starts with a visually hidden "Assistant:" or "You:". */
  answers(): Locator {
    return this.log.getByRole('listitem').filter({ hasText: 'Assistant:' });
  }

  userMessages(): Locator {
    return this.log.getByRole('listitem').filter({ hasText: 'You:' });
  }

  async screenshot(name: string): Promise<void> {
    const dir = join(projectRoot(), 'e2e', 'screenshots');
    mkdirSync(dir, { recursive: true });
    await this.page.screenshot({ path: join(dir, `${name}.png`) });
  }
}
