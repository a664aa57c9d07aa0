import { Module } from '@nestjs/common';
import { MessagingModule } from '../messaging/messaging.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { FollowsController } from './follows.controller';
import { FollowsRepository } from './follows.repository';
import { FollowsService } from './follows.service';
import { NotificationDigest } from './notification-digest';
import { NotificationEventsListener } from './notification-events.listener';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { SqlNotificationTextSource } from './sql-notification-text.source';

/** Following plans and stages, the bell, realtime pushes and email/SMS digests. */
@Module({
  imports: [OrganizationsModule, MessagingModule],
  controllers: [FollowsController, NotificationsController],
  providers: [
    FollowsRepository,
    FollowsService,
    NotificationsRepository,
    NotificationsService,
    SqlNotificationTextSource,
    NotificationEventsListener,
    NotificationDigest,
  ],
  exports: [FollowsService, NotificationsService],
})
export class NotificationsModule {}
