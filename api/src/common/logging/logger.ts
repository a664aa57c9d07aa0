import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

/** The process's structured JSON logger (pino); Fastify logs requests with their ids through it. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'hamandishi-api' },
    redact: { paths: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'password', 'code'], remove: true },
  });
}

/** Lets Nest's own messages go through the same pino logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string) {
    this.write('error', message, context, trace);
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string) {
    this.write('fatal', message, context);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, context?: string, trace?: string) {
    if (message && typeof message === 'object') this.logger[level]({ context, trace, ...(message as object) });
    else this.logger[level]({ context, trace }, String(message));
  }
}
