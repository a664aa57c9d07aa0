import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { AppError } from '../errors/app-error';
import { ENDPOINT_METADATA, type EndpointSpec } from '../http/endpoint.decorator';
import { fieldErrors } from './zod-issues';

/** Parses body and query with the route's shared schemas; the handler sees only clean, typed input. */
@Injectable()
export class ValidationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const spec = this.reflector.get<EndpointSpec | undefined>(ENDPOINT_METADATA, context.getHandler());
    if (spec) {
      const request = context.switchToHttp().getRequest<FastifyRequest & { body: unknown; query: unknown }>();
      if (spec.body) request.body = parse(spec.body, request.body ?? {});
      if (spec.query) (request as { query: unknown }).query = parse(spec.query, request.query ?? {});
    }
    return next.handle();
  }
}

function parse(schema: NonNullable<EndpointSpec['body']>, input: unknown): unknown {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError('common.validation_failed', 400, 'Validation failed', fieldErrors(result.error.issues));
  }
  return result.data;
}
