import { z } from 'zod';
import { normalizeMobile } from './identity';
import { textToken } from './text';

/** How a person is reached: an SMS to a mobile (E.164) or an e-mail (lower-case). */
export const ZContactChannel = z.enum(['sms', 'email']);

/**
 * A mobile number or an e-mail address typed in one field: `۰۹۱۲…` becomes `{ channel: 'sms',
 * contact: '+98912…' }`, `Sara@Example.org` becomes `{ channel: 'email', contact: 'sara@example.org' }`.
 */
export const ZContact = textToken({ min: 3, max: 254 }).transform((value, ctx) => {
  if (value.includes('@')) {
    const email = z.email().safeParse(value.toLowerCase());
    if (email.success) return { channel: 'email' as const, contact: email.data };
  } else {
    const mobile = normalizeMobile(value);
    if (mobile) return { channel: 'sms' as const, contact: mobile };
  }
  ctx.addIssue({ code: 'custom', message: 'invalid_format' });
  return z.NEVER;
});
/** A mobile number or an e-mail address, normalised. */
export type TContact = z.output<typeof ZContact>;
