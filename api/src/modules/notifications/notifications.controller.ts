import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { ZNotification, ZNotificationPreferences, ZPageQuery, ZUuid, pageOf } from '@hamandishi/contracts';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor } from '../../common/http/request-context';
import { CurrentActor, SignedIn } from '../identity/decorators';
import { NotificationsService } from './notifications.service';

const ZNotificationQuery = ZPageQuery.extend({ cursor: ZUuid.optional() });
const ZNotificationPage = pageOf(ZNotification).extend({ unreadCount: z.number().int() });
const ZMarkRead = z.strictObject({ ids: z.array(ZUuid).min(1).max(500).optional() });

@Controller('api/me')
@SignedIn()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @Endpoint({ summary: 'My notifications, newest first', query: ZNotificationQuery, response: ZNotificationPage, tags: ['notifications'] })
  list(@CurrentActor() actor: Actor, @Query() query: z.output<typeof ZNotificationQuery>) {
    return this.notifications.page(actor.accountId, query.cursor ?? null, query.limit);
  }

  @Post('notifications/read')
  @HttpCode(204)
  @Endpoint({ summary: 'Mark notifications read (all when no ids)', body: ZMarkRead, status: 204, tags: ['notifications'] })
  async markRead(@CurrentActor() actor: Actor, @Body() input: z.output<typeof ZMarkRead>) {
    await this.notifications.markRead(actor.accountId, input.ids);
  }

  @Get('notification-preferences')
  @Endpoint({ summary: 'My digest settings', response: ZNotificationPreferences, tags: ['notifications'] })
  preferences(@CurrentActor() actor: Actor) {
    return this.notifications.preferences(actor.accountId);
  }

  @Put('notification-preferences')
  @Endpoint({ summary: 'Change my digest settings', body: ZNotificationPreferences, response: ZNotificationPreferences, tags: ['notifications'] })
  savePreferences(@CurrentActor() actor: Actor, @Body() input: z.output<typeof ZNotificationPreferences>) {
    return this.notifications.savePreferences(actor.accountId, input);
  }
}
