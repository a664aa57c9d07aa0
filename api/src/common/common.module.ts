import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AllExceptionsFilter } from './errors/all-exceptions.filter';
import { DomainEvents } from './events/domain-events';
import { WebAppHost } from './http/web-app-host';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { RateLimiter } from './rate-limit/rate-limiter.service';
import { ValidationInterceptor } from './validation/validation.interceptor';

/** Cross-cutting pieces every module gets: errors, validation, idempotency, rate limits. */
@Global()
@Module({
  providers: [
    RateLimiter,
    WebAppHost,
    DomainEvents,
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    // Order matters: validate first, so an invalid retry never consumes an idempotency key.
    { provide: APP_INTERCEPTOR, useClass: ValidationInterceptor },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [RateLimiter, WebAppHost, DomainEvents],
})
export class CommonModule {}
