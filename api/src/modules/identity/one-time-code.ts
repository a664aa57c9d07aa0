import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** A code of `length` ASCII digits from the CSPRNG (leading zeros kept). */
export function generateCode(length = 6): string {
  return String(randomInt(0, 10 ** length)).padStart(length, '0');
}

/**
 * The stored form of a code. Bound to its recipient and purpose, so a hash copied between rows
 * is useless; codes live minutes, so a fast hash is enough.
 */
export function hashCode(purpose: string, recipient: string, code: string): string {
  return createHash('sha256').update(`${purpose}\n${recipient}\n${code}`).digest('hex');
}

/** Compares a typed code to a stored hash in constant time. */
export function codeMatches(storedHash: string, purpose: string, recipient: string, code: string): boolean {
  const a = Buffer.from(storedHash, 'hex');
  const b = Buffer.from(hashCode(purpose, recipient, code), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `+989123456789` → `+98912***6789`: enough for the person to recognise their number. */
export function maskMobile(mobile: string): string {
  if (mobile.length <= 8) return mobile.slice(0, 2) + '*'.repeat(Math.max(0, mobile.length - 4)) + mobile.slice(-2);
  const head = mobile.startsWith('+98') ? 6 : 4;
  return mobile.slice(0, head) + '*'.repeat(mobile.length - head - 4) + mobile.slice(-4);
}

/** The SMS text: Persian, with the code in ASCII digits so phones offer to auto-fill it. */
export function codeMessage(code: string): string {
  return `کد ورود شما به هم‌اندیشی: ${code}`;
}
