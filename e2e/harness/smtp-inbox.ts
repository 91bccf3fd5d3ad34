import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP server that keeps every message it receives: the server under test sends its
 * password-reset emails here through SMTP_URL, as it would to a real mail relay.
 */
export class SmtpInbox {
  private readonly messages: ParsedMail[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly server: SMTPServer, readonly url: string) {}

  static async start(): Promise<SmtpInbox> {
    let inbox: SmtpInbox | undefined;
    const server = new SMTPServer({
      authOptional: true,
      // Plain SMTP on localhost: no certificate to manage, and nodemailer then skips STARTTLS.
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            inbox!.receive(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.server.address() as AddressInfo;
    inbox = new SmtpInbox(server, `smtp://127.0.0.1:${port}`);
    return inbox;
  }

  private receive(mail: ParsedMail): void {
    this.messages.push(mail);
    for (const wake of this.waiters) wake();
  }

  /** The first message to `address` (received already or later), or an error after `timeoutMs`. */
  async waitFor(address: string, timeoutMs = 20_000): Promise<ParsedMail> {
    return (await this.waitForAll(address, 1, timeoutMs))[0]!;
  }

  /** The first `count` messages to `address`, once that many have arrived, or an error after `timeoutMs`. */
  waitForAll(address: string, count: number, timeoutMs = 20_000): Promise<ParsedMail[]> {
    const find = () => {
      const found = this.messages.filter((m) => addressesOf(m).includes(address.toLowerCase()));
      return found.length >= count ? found.slice(0, count) : undefined;
    };
    const found = find();
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const wake = () => {
        const mails = find();
        if (!mails) return;
        cleanup();
        resolve(mails);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no ${count} emails to ${address} within ${timeoutMs} ms (received: ${this.messages.length})`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      this.waiters.add(wake);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function addressesOf(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((group) => group.value.map((a) => (a.address ?? '').toLowerCase()));
}

/** The first http(s) link in a message's text. */
export function firstLink(mail: ParsedMail): string {
  const link = /https?:\/\/\S+/.exec(mail.text ?? '')?.[0];
  if (!link) throw new Error(`no link in email "${mail.subject}"`);
  return link;
}
