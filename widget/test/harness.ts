import '../src/chat-widget.js';
import { signedInClient } from '../../server/test/api-client.js';
import type { ChatWidget } from '../src/launcher/chat-widget.js';

/** The real server the global setup started. */
export const serverUrl = () => process.env.WIDGET_TEST_SERVER!;
/** The same, with REQUIRE_EMAIL_VERIFICATION on (same database). */
export const verifyingServerUrl = () => process.env.WIDGET_TEST_VERIFYING_SERVER!;
/** The same, with guests allowed (AUTH_MODES=guest,password,social; same database). */
export const guestServerUrl = () => process.env.WIDGET_TEST_GUEST_SERVER!;
/** Guests and GitHub sign-in only (AUTH_MODES=guest,social; same database). */
export const socialGuestServerUrl = () => process.env.WIDGET_TEST_SOCIAL_GUEST_SERVER!;

/** Polls until `probe` returns something truthy (the widget answers to real network round trips). */
export async function waitFor<T>(probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, what = 'condition', timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every element under `root`, shadow roots included (they are open), in document order. */
export function deepElements(root: ParentNode): Element[] {
  const found: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const element of Array.from(node.children)) {
      found.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
      walk(element);
    }
  };
  walk(root);
  return found;
}

const visible = (element: Element) => !element.closest('[hidden]') && !(element.getRootNode() as ShadowRoot).host?.closest('[hidden]');

/** The accessible name, the way the widget gives one: aria-label, a `<label for>`, or the text. */
export function accessibleName(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label !== null) return label;
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    const root = element.getRootNode() as Document | ShadowRoot;
    return labelledBy.split(' ').map((id) => root.getElementById(id)?.textContent?.trim() ?? '').join(' ');
  }
  if (element.id) {
    const root = element.getRootNode() as ParentNode;
    const forLabel = Array.from(root.querySelectorAll('label')).find((l) => l.htmlFor === element.id);
    if (forLabel) return forLabel.textContent!.trim();
  }
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Drives one mounted <chat-widget> through what a user perceives: names, roles and text. */
export class Harness {
  constructor(readonly widget: ChatWidget) {}

  private shown(): Element[] {
    return [this.widget, ...deepElements(this.widget.shadowRoot!)].filter(visible);
  }

  /** Visible buttons named exactly `name`. */
  buttons(name: string): HTMLButtonElement[] {
    return this.shown().filter((e): e is HTMLButtonElement => e instanceof HTMLButtonElement && accessibleName(e) === name);
  }

  button(name: string): Promise<HTMLButtonElement> {
    return waitFor(() => this.buttons(name)[0], `button "${name}"`);
  }

  /** A visible input or textarea labelled `name`. */
  field(name: string): Promise<HTMLInputElement | HTMLTextAreaElement> {
    return waitFor(
      () => this.shown().find((e): e is HTMLInputElement | HTMLTextAreaElement => (e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement) && accessibleName(e) === name),
      `field "${name}"`,
    );
  }

  /** Visible elements with this role (explicit role attribute). */
  byRole(role: string): Element[] {
    return this.shown().filter((e) => e.getAttribute('role') === role);
  }

  text(): string {
    return this.shown()
      .filter((e) => !e.children.length || e.shadowRoot)
      .map((e) => e.textContent)
      .join(' ');
  }

  waitForText(text: string, timeoutMs?: number): Promise<true> {
    return waitFor(() => this.shown().some((e) => e.textContent?.includes(text)) && (true as const), `text "${text}"`, timeoutMs);
  }

  async type(name: string, value: string): Promise<void> {
    const field = await this.field(name);
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  async click(name: string): Promise<void> {
    (await this.button(name)).click();
  }

  /** The shadow root of an inner element (e.g. 'chat-widget-conversation'). */
  inner(tag: string): ShadowRoot | null {
    return (deepElements(this.widget.shadowRoot!).find((e) => e.localName === tag)?.shadowRoot as ShadowRoot | null) ?? null;
  }

  /** The message log's items (user and assistant messages). */
  messages(): HTMLElement[] {
    return Array.from(this.inner('chat-widget-conversation')?.querySelectorAll<HTMLElement>('li.message[data-status]') ?? []);
  }
}

/** Mounts a widget pointed at the test server; `storage` defaults to local so reload tests can remount. */
export async function mountWidget(attributes: Record<string, string> = {}): Promise<Harness> {
  const widget = document.createElement('chat-widget');
  widget.setAttribute('server', serverUrl());
  for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
  document.body.append(widget);
  await widget.updateComplete;
  return new Harness(widget);
}

/** The key the widget keeps its session token under (see services/storage.ts). */
export const sessionKey = () => `chat-widget:${serverUrl()}:session`;

/**
 * A user signed up through the server's own test helper, whose session the widget finds in
 * storage as after an earlier visit; `client` calls the API as that user (to prepare data).
 */
export async function mountSignedIn(attributes: Record<string, string> = {}) {
  const client = await signedInClient(serverUrl());
  localStorage.setItem(sessionKey(), client.user.sessionToken);
  const page = await mountWidget(attributes);
  await page.widget.open();
  await page.field('Message');
  return { page, client };
}
