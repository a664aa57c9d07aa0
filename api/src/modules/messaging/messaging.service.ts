import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { JobsService } from '../../jobs/jobs.service';
import { OutboxRepository } from './outbox.repository';
import type { MessageChannel, OutboxMessage } from './outbox-message.entity';
import { EMAIL_PROVIDER, type EmailProvider, SMS_PROVIDER, type SmsProvider } from './providers/providers';

const DELIVERY_QUEUE = 'messaging.deliver' as const;
// The first try and the delivery queue's five retries (job-queues.ts).
const MAX_ATTEMPTS = 6;

/** One message to send. `subject` is used by email only. */
export type OutgoingMessage = { channel: MessageChannel; recipient: string; subject?: string; body: string };

/**
 * Sends SMS and email. Every message is written to outbox_message first, so nothing is lost
 * when a provider is down; real providers deliver from a retried job.
 */
@Injectable()
export class MessagingService implements OnModuleInit {
  private readonly logger = new Logger('messaging');

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly jobs: JobsService,
    @Inject(SMS_PROVIDER) private readonly sms: SmsProvider,
    @Inject(EMAIL_PROVIDER) private readonly email: EmailProvider,
  ) {}

  onModuleInit(): void {
    this.jobs.register(DELIVERY_QUEUE, (payload) => this.deliver(payload.messageId));
  }

  /** Records the message and starts its delivery; returns the outbox id. */
  async send(message: OutgoingMessage): Promise<string> {
    const provider = this.providerFor(message.channel);
    const row = await this.outbox.insertPending({
      channel: message.channel,
      recipient: message.recipient,
      subject: message.subject ?? null,
      body: message.body,
      provider: provider.name,
    });
    if (!provider.delivers) {
      await this.transmit(row, provider);
      await this.outbox.markSent(row.id);
    } else {
      await this.jobs.enqueue(DELIVERY_QUEUE, { messageId: row.id });
    }
    return row.id;
  }

  /** The newest messages sent to any of `recipients`. */
  newestTo(recipients: string[], limit = 20): Promise<OutboxMessage[]> {
    return this.outbox.newestTo(recipients, limit);
  }

  private async deliver(messageId: string): Promise<void> {
    const row = await this.outbox.findById(messageId);
    if (!row || row.status !== 'pending') return;
    try {
      await this.transmit(row, this.providerFor(row.channel));
      await this.outbox.markSent(row.id);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      const final = row.attempts + 1 >= MAX_ATTEMPTS;
      await this.outbox.markFailedAttempt(row.id, text, final);
      this.logger.warn(
        { messageId, channel: row.channel, attempt: row.attempts + 1, error: text },
        'message delivery failed',
      );
      throw error;
    }
  }

  private transmit(row: OutboxMessage, provider: SmsProvider | EmailProvider): Promise<void> {
    if (row.channel === 'sms') return (provider as SmsProvider).send({ to: row.recipient, text: row.body });
    return (provider as EmailProvider).send({ to: row.recipient, subject: row.subject ?? '', text: row.body });
  }

  private providerFor(channel: MessageChannel): SmsProvider | EmailProvider {
    return channel === 'sms' ? this.sms : this.email;
  }
}
