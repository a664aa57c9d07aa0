import { isLoopbackAddress } from '../common/http/client-address';
import type { Env } from './env';

/** HOST values that keep the server to this machine. */
function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || isLoopbackAddress(host);
}

/**
 * What a server listening beyond this machine gives away, in words for the person who started
 * it; empty when nothing is exposed. A development setup is safe on 127.0.0.1 and dangerous on
 * a café's Wi-Fi, and the difference is one variable, so start-up says it out loud.
 */
export function exposureWarnings(env: Env, devOutboxEnabled: boolean): string[] {
  if (isLoopbackHost(env.HOST)) return [];
  const risks: string[] = [];
  if (env.SMS_PROVIDER === 'outbox') {
    risks.push(
      'no SMS provider is configured (SMS_PROVIDER=outbox): one-time sign-in codes are not sent but written to the server log and the outbox_message table; whoever reads either can sign in as any mobile number, the superadmin included',
    );
    if (devOutboxEnabled)
      risks.push('GET /api/dev/outbox lists those codes, but answers only browsers on this machine (127.0.0.1, ::1)');
  }
  if (!env.SMTP_URL) risks.push('SMTP_URL is unset: e-mails are not sent, only logged');
  if (env.SEED_DEMO)
    risks.push(
      'the demo accounts (SEED_DEMO) sign in with the published demo password, the superadmin among them: anyone who can reach this port can administer the platform',
    );
  if (!risks.length) return [];
  return [
    `WARNING: HOST=${env.HOST} makes this server reachable from the network, and`,
    ...risks.map((r) => `  - ${r}`),
    '  Set HOST=127.0.0.1 to keep it on this machine, or configure SMS_PROVIDER=http (SMS_HTTP_URL) and SEED_DEMO=false.',
  ];
}
