import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { toPersianDigits } from '@hamandishi/text';
import { JobsService } from '../../jobs/jobs.service';
import { MessagingService } from '../messaging/messaging.service';
import type { NotificationKind } from './notification.entities';
import { describeNotification } from './notification-text';
import { type ClaimedDigest, NotificationsRepository } from './notifications.repository';

/** The hourly digest queue (its schedule is in job-queues.ts). */
export const DIGEST_QUEUE = 'notifications.digest' as const;
const BATCH = 100;
const ITEMS_SHOWN = 3;

/**
 * Once an hour: everyone whose daily or weekly period has passed and who has unread
 * notifications since their last digest gets ONE SMS or email summing them up.
 */
@Injectable()
export class NotificationDigest implements OnModuleInit {
  private readonly logger = new Logger('notifications.digest');

  constructor(
    private readonly jobs: JobsService,
    private readonly repository: NotificationsRepository,
    private readonly messaging: MessagingService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(DIGEST_QUEUE, async () => {
      await this.sendDue();
    });
  }

  /** Sends every due digest; returns how many were sent. */
  async sendDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      const claimed = await this.repository.claimDueDigests(BATCH);
      for (const digest of claimed) {
        try {
          if (await this.send(digest)) sent++;
        } catch (error) {
          await this.repository.releaseDigest(digest.accountId, digest.since);
          this.logger.warn({ err: error, accountId: digest.accountId }, 'digest not sent');
        }
      }
      if (claimed.length < BATCH) return sent;
    }
  }

  private async send(digest: ClaimedDigest): Promise<boolean> {
    // The preferred channel when the account has it, else the other one.
    const channel = digest.channel === 'email' ? (digest.email ? 'email' : 'sms') : digest.mobile ? 'sms' : 'email';
    const recipient = channel === 'email' ? digest.email : digest.mobile;
    if (!recipient) return false;
    const { total, newest } = await this.repository.unreadSince(digest.accountId, digest.since, ITEMS_SHOWN);
    if (total === 0) return false;
    const count = toPersianDigits(String(total));
    const lines = newest.map((n) => `• ${describeNotification(n.kind as NotificationKind, n.params)}`);
    const rest = total - newest.length;
    const body = [
      `هم‌اندیشی: ${count} اعلان تازه دارید.`,
      ...lines,
      ...(rest > 0 ? [`و ${toPersianDigits(String(rest))} مورد دیگر.`] : []),
    ].join('\n');
    await this.messaging.send({ channel, recipient, subject: `هم‌اندیشی: ${count} اعلان تازه`, body });
    return true;
  }
}
