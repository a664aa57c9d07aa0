import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { AppError } from '../errors/app-error';
import type { AppRequest } from '../http/request-context';

const HEADER = 'idempotency-key';

/**
 * A POST carrying `Idempotency-Key` runs once per key and person: a retry (a flaky mobile
 * network resending a citizen's submission) gets the first answer back instead of a duplicate.
 * A failed attempt releases the key so the client may try again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AppRequest>();
    const key = request.headers[HEADER];
    if (request.method !== 'POST' || typeof key !== 'string' || key.length === 0) return next.handle();
    return from(this.run(context, request, key, next));
  }

  private async run(context: ExecutionContext, request: AppRequest, key: string, next: CallHandler): Promise<unknown> {
    if (key.length > 200) throw new AppError('common.validation_failed', 400, 'Idempotency-Key too long', { 'Idempotency-Key': 'too_long' });
    const scope = request.actor ? `account:${request.actor.accountId}` : `anonymous:${request.csrfToken ?? request.ip}`;
    const body = request.body;
    // Uploads arrive as Buffers: hash their bytes, never a JSON rendering of them.
    const hash = createHash('sha256')
      .update(`${request.method} ${request.url}\n`)
      .update(Buffer.isBuffer(body) ? body : JSON.stringify(body ?? null))
      .digest('hex');
    const inserted: unknown[] = await this.db.query(
      `INSERT INTO idempotency_key (scope, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING key`,
      [scope, key, hash],
    );
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (inserted.length === 0) {
      const [row] = await this.db.query(
        `SELECT request_hash, state, response_status, response_body FROM idempotency_key WHERE scope = $1 AND key = $2`,
        [scope, key],
      );
      if (!row) throw new AppError('common.idempotency_in_progress', 409, 'Retry the request');
      if (row.request_hash !== hash) throw new AppError('common.idempotency_conflict', 422, 'Key reused with another request');
      if (row.state !== 'done') throw new AppError('common.idempotency_in_progress', 409, 'The first request is still running');
      void reply.status(row.response_status).header('idempotent-replayed', 'true');
      return row.response_body ?? undefined;
    }
    try {
      const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.db.query(
        `UPDATE idempotency_key SET state = 'done', response_status = $3, response_body = $4 WHERE scope = $1 AND key = $2`,
        [scope, key, this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201, result === undefined ? null : JSON.stringify(result)],
      );
      return result;
    } catch (error) {
      await this.db.query(`DELETE FROM idempotency_key WHERE scope = $1 AND key = $2`, [scope, key]);
      throw error;
    }
  }
}
