import { createHash, randomBytes } from 'node:crypto';

/** A new invitation token: 32 random bytes, base64url (43 characters), for the link only. */
export function newInvitationToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a token: its sha256, so a leaked table opens no invitation. */
export function hashInvitationToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Whether a path segment can be a token at all (anything else is a plain 404). */
export function isInvitationToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** `+989123456789` → `+98912***6789`; `sara@example.org` → `s***@example.org`. */
export function maskContact(channel: 'sms' | 'email', contact: string): string {
  if (channel === 'email') {
    const [local, domain] = contact.split('@');
    return `${local.slice(0, 1)}***@${domain}`;
  }
  return `${contact.slice(0, 6)}***${contact.slice(-4)}`;
}
