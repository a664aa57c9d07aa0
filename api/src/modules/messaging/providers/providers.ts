/** Sends one SMS; throws when the provider refused or could not be reached (the job retries). */
export type SmsProvider = {
  /** Stored in outbox_message.provider. */
  readonly name: string;
  /** False when the provider only records (the message is marked sent without a job). */
  readonly delivers: boolean;
  send(message: { to: string; text: string }): Promise<void>;
};

/** Sends one email; throws on failure (the job retries). */
export type EmailProvider = {
  readonly name: string;
  readonly delivers: boolean;
  send(message: { to: string; subject: string; text: string }): Promise<void>;
};

/** Injection tokens for the chosen providers. */
export const SMS_PROVIDER = Symbol('SMS_PROVIDER');
export const EMAIL_PROVIDER = Symbol('EMAIL_PROVIDER');
