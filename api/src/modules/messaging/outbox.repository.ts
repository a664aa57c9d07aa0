import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { type MessageChannel, OutboxMessage } from './outbox-message.entity';

/** Queries on outbox_message. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectRepository(OutboxMessage) private readonly rows: Repository<OutboxMessage>) {}

  async insertPending(input: {
    channel: MessageChannel;
    recipient: string;
    subject: string | null;
    body: string;
    provider: string;
  }): Promise<OutboxMessage> {
    return this.rows.save(this.rows.create({ ...input, status: 'pending', attempts: 0 }));
  }

  findById(id: string): Promise<OutboxMessage | null> {
    return this.rows.findOneBy({ id });
  }

  async markSent(id: string): Promise<void> {
    await this.rows.query(
      `UPDATE outbox_message SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`,
      [id],
    );
  }

  /** Counts a failed delivery; `final` gives up on the message. */
  async markFailedAttempt(id: string, error: string, final: boolean): Promise<void> {
    await this.rows.query(
      `UPDATE outbox_message SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END WHERE id = $1`,
      [id, error.slice(0, 2000), final],
    );
  }

  /** The newest messages to one recipient (dev outbox, data export). */
  newestTo(recipients: string[], limit: number): Promise<OutboxMessage[]> {
    if (recipients.length === 0) return Promise.resolve([]);
    return this.rows.query(
      `SELECT id, channel, recipient, subject, body, status, created_at AS "createdAt", sent_at AS "sentAt"
       FROM outbox_message WHERE recipient = ANY($1) ORDER BY created_at DESC, id DESC LIMIT $2`,
      [recipients, limit],
    );
  }
}
