import { type ArgumentsHost, Catch, type ExceptionFilter, Logger, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { WebAppHost } from '../http/web-app-host';
import { toErrorResponse } from './error-response';

/** Every HTTP error leaves in the one shape; unknown routes outside /api get the web app. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(private readonly webApp: WebAppHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof NotFoundException && this.webApp.serves(request)) {
      this.webApp.sendIndex(reply, request.url);
      return;
    }
    const mapped = toErrorResponse(exception, String(request.id));
    if (mapped.internal) {
      this.logger.error({ err: exception, requestId: request.id, url: request.url }, 'unhandled error');
    }
    if (!reply.sent) void reply.status(mapped.status).send(mapped.body);
  }
}
