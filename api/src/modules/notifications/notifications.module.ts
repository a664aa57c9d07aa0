import { Module } from '@nestjs/common';
import { MessagingModule } from '../messaging/messaging.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { FollowsController } from './follows.controller';
import { FollowsRepository } from './follows.repository';
import { FollowsService } from './follows.service';

/** Following plans and stages, the bell, realtime pushes and email/SMS digests. */
@Module({
  imports: [OrganizationsModule, MessagingModule],
  controllers: [FollowsController],
  providers: [FollowsRepository, FollowsService],
  exports: [FollowsService],
})
export class NotificationsModule {}
