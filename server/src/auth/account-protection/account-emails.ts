import type { MailMessage } from '../../mail/mailer.js';

interface Recipient {
  email: string;
}

/** The link that confirms an address (REQUIRE_EMAIL_VERIFICATION), sent at sign-up and on request. */
export function verificationEmail(user: Recipient, url: string): MailMessage {
  return {
    to: user.email,
    subject: 'Confirm your email address',
    text: `Someone created a chat account with ${user.email}.\n\nConfirm it is you: ${url}\n\nIf it was not you, ignore this email; no account is used without this confirmation.`,
  };
}

/**
 * Sent instead of an answer that would say "this address has an account": sign-up answers the same
 * for a new and an existing address, and the owner learns of the attempt here.
 */
export function existingAccountEmail(user: Recipient): MailMessage {
  return {
    to: user.email,
    subject: 'You already have an account',
    text: `Someone tried to create a chat account with ${user.email}, which already has one.\n\nIf it was you, sign in instead, or reset your password from the sign-in form if you forgot it.\n\nIf it was not you, ignore this email; nothing changed.`,
  };
}
