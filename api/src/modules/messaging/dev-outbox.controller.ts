import { Controller, Get, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { normalizeMobile, ZDevOutboxMessage, ZDevOutboxQuery } from '@hamandishi/contracts';
import { AppConfig } from '../../config/app-config';
import { AppError } from '../../common/errors/app-error';
import { isDirectLoopback } from '../../common/http/client-address';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { MessagingService } from './messaging.service';

/**
 * Lets developers and tests read the codes and emails the platform "sent". Off in production, and
 * only for a browser on this very machine: anyone else reading it could sign in as anyone.
 */
@Controller('api/dev/outbox')
export class DevOutboxController {
  constructor(
    private readonly config: AppConfig,
    private readonly messaging: MessagingService,
  ) {}

  @Get()
  @Endpoint({
    summary: 'Newest 20 messages sent to a recipient (development only)',
    query: ZDevOutboxQuery,
    response: z.array(ZDevOutboxMessage),
    tags: ['dev'],
  })
  async list(@Query() query: z.output<typeof ZDevOutboxQuery>, @Req() request: FastifyRequest) {
    // Answers exactly like a route that does not exist, so nobody outside learns it is there.
    if (!this.config.devOutboxEnabled || !isDirectLoopback(request))
      throw new AppError('common.route_not_found', 404, 'Route not found');
    const raw = query.recipient;
    // `?recipient=+98...` typed in a browser arrives as ` 98...` (a query `+` means a space).
    const asMobile = normalizeMobile(raw) ?? (/^\d{8,15}$/.test(raw) ? normalizeMobile(`+${raw}`) : null);
    const recipients = [...new Set([asMobile, raw.toLowerCase(), raw].filter((r): r is string => !!r))];
    const rows = await this.messaging.newestTo(recipients, 20);
    return rows.map((m) => ({
      channel: m.channel,
      recipient: m.recipient,
      subject: m.subject,
      body: m.body,
      createdAt: new Date(m.createdAt).toISOString(),
    }));
  }
}
