import { Logger } from '@nestjs/common';
import type { EmailProvider, SmsProvider } from './providers';

/**
 * Development and test delivery: the message stays in outbox_message and goes to the server
 * log at info level (codes included), where developers read it.
 */
export class OutboxSmsProvider implements SmsProvider {
  readonly name = 'outbox';
  readonly delivers = false;
  private readonly logger = new Logger('sms');

  async send(message: { to: string; text: string }): Promise<void> {
    this.logger.log({ to: message.to, text: message.text }, 'SMS (outbox)');
  }
}

/** Development delivery of emails: logged, kept in the outbox. */
export class OutboxEmailProvider implements EmailProvider {
  readonly name = 'outbox';
  readonly delivers = false;
  private readonly logger = new Logger('email');

  async send(message: { to: string; subject: string; text: string }): Promise<void> {
    this.logger.log({ to: message.to, subject: message.subject, text: message.text }, 'email (outbox)');
  }
}
