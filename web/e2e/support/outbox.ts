import type { APIRequestContext, Page } from 'playwright-core';
import { toAsciiDigits } from '@hamandishi/text';

type OutboxMessage = { channel: string; recipient: string; subject: string | null; body: string; createdAt: string };

/** The SMS messages sent so far to a number (development outbox), newest first. */
export async function readOutbox(request: APIRequestContext, recipient: string): Promise<OutboxMessage[]> {
  const response = await request.get(`/api/dev/outbox?recipient=${encodeURIComponent(recipient)}`);
  expect(response.status()).toBe(200);
  const messages = (await response.json()) as OutboxMessage[];
  return [...messages].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/** Waits for a message newer than the `seen` count and returns the 6-digit code in it. */
export async function waitForCode(request: APIRequestContext, recipient: string, seen: number): Promise<{ code: string; count: number }> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const messages = await readOutbox(request, recipient);
    if (messages.length > seen) {
      const match = /(?<!\d)\d{6}(?!\d)/.exec(toAsciiDigits(messages[0].body));
      if (!match) throw new Error(`no 6-digit code in: ${messages[0].body}`);
      return { code: match[0], count: messages.length };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no new message for ${recipient}`);
}

/** The path of the newest invitation link sent to `recipient` (`/<slug>/invitations/<token>`). */
export async function invitationPathSentTo(page: Page, recipient: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    for (const message of await readOutbox(page.request, recipient)) {
      const match = /\/[a-z0-9-]+\/invitations\/[A-Za-z0-9_-]{43}/.exec(message.body);
      if (match) return match[0];
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no invitation sent to ${recipient}`);
}
