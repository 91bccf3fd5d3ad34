import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Sends transactional email (password resets). Behind an interface so the transport is swappable. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Delivers through the SMTP server named by `SMTP_URL` (smtp://user:pass@host:port or smtps://…). */
export class SmtpMailer implements Mailer {
  private readonly transport;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...message });
  }
}

/**
 * Development stand-in when no SMTP server is configured: prints the mail to the server log so the
 * developer can follow a reset link. Production config requires SMTP_URL, because a reset link in a
 * log is a credential in a log.
 */
export class LogMailer implements Mailer {
  constructor(private readonly logger: Logger) {}

  async send(message: MailMessage): Promise<void> {
    this.logger.info({ mail: { to: message.to, subject: message.subject } }, `email (SMTP_URL not set):\n${message.text}`);
  }
}

export function createMailer(smtpUrl: string | undefined, from: string, logger: Logger): Mailer {
  return smtpUrl ? new SmtpMailer(smtpUrl, from) : new LogMailer(logger);
}
