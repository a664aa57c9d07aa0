import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import { Pool } from 'pg';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';

type AdapterFactory = ReturnType<typeof createRedisAdapter>;

/**
 * Picks the socket.io adapter: in-memory for one process; Redis or PostgreSQL so that several
 * API processes behind a load balancer broadcast to each other's clients.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private factory: AdapterFactory | null = null;
  private readonly closers: (() => Promise<unknown>)[] = [];

  constructor(app: INestApplicationContext) {
    super(app);
  }

  async connect(kind: 'memory' | 'redis' | 'postgres', urls: { redis?: string; database: string }): Promise<void> {
    if (kind === 'redis') {
      const pub = createClient({ url: urls.redis });
      const sub = pub.duplicate();
      await Promise.all([pub.connect(), sub.connect()]);
      this.factory = createRedisAdapter(pub, sub);
      this.closers.push(() => Promise.all([pub.quit(), sub.quit()]));
    } else if (kind === 'postgres') {
      const pool = new Pool({ connectionString: urls.database, max: 4, application_name: 'hamandishi-realtime' });
      this.factory = createPostgresAdapter(pool, { tableName: 'socket_io_attachments' }) as unknown as AdapterFactory;
      this.closers.push(() => pool.end());
    }
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, { ...options, serveClient: false } as ServerOptions);
    if (this.factory) server.adapter(this.factory);
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.allSettled(this.closers.map((close) => close()));
  }
}
