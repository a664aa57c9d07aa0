import { Controller, Get, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { type THealth, ZHealth } from '@hamandishi/contracts';
import { Endpoint } from '../../common/http/endpoint.decorator';

const VERSION = process.env.npm_package_version ?? '0.1.0';

@Controller('api/health')
export class HealthController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @Endpoint({ summary: 'Liveness and database status (503 when the database is down)', response: ZHealth, tags: ['platform'] })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<THealth> {
    const database = await Promise.race([
      this.db.query('SELECT 1').then(() => 'up' as const, () => 'down' as const),
      new Promise<'down'>((resolve) => setTimeout(() => resolve('down'), 2000).unref()),
    ]);
    if (database === 'down') void reply.status(503);
    return { status: database === 'up' ? 'ok' : 'degraded', database, version: VERSION, uptimeSeconds: Math.round(process.uptime()) };
  }
}
