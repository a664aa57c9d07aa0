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

/** `sara@example.org` → `s***@example.org`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** The e-mail that confirms a new address; Persian first, the platform's default language. */
export function signUpCodeEmail(code: string): { subject: string; body: string } {
  return {
    subject: `کد تأیید ثبت‌نام در هم‌اندیشی: ${code}`,
    body: [
      `کد تأیید ثبت‌نام شما در هم‌اندیشی: ${code}`,
      'اگر شما ثبت‌نام نکرده‌اید، این پیام را نادیده بگیرید.',
      '',
      `Your Hamandishi sign-up code: ${code}`,
      'If you did not sign up, ignore this message.',
    ].join('\n'),
  };
}

/**
 * Sent instead of a code when someone signs up with an address that already has an account: the
 * owner learns of it, and the person at the form gets the same answer as for a new address.
 */
export function alreadyRegisteredEmail(): { subject: string; body: string } {
  return {
    subject: 'شما پیش‌تر در هم‌اندیشی حساب دارید',
    body: [
      'کسی با این نشانی ایمیل در هم‌اندیشی ثبت‌نام کرد، اما این نشانی پیش‌تر حساب دارد.',
      'اگر خودتان بودید، با همین ایمیل و گذرواژه‌تان وارد شوید. اگر نه، کاری لازم نیست؛ حساب شما تغییری نکرده است.',
      '',
      'Someone tried to sign up to Hamandishi with this e-mail address, which already has an account.',
      'If it was you, sign in with this e-mail and your password. If not, nothing has changed.',
    ].join('\n'),
  };
}
