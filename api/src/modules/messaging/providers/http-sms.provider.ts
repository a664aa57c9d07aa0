import type { SmsProvider } from './providers';

const TIMEOUT_MS = 10_000;

/** An SMS gateway reached by `POST {to, text}` with a bearer token (most Iranian gateways offer one). */
export class HttpSmsProvider implements SmsProvider {
  readonly name = 'http';
  readonly delivers = true;

  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
  ) {}

  async send(message: { to: string; text: string }): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ to: message.to, text: message.text }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) {
      const detail = (await response.text().catch(() => '')).slice(0, 300);
      throw new Error(`SMS gateway answered ${response.status}: ${detail}`);
    }
  }
}
