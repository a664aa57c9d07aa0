import { randomUUID } from 'node:crypto';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { AppError } from './common/errors/app-error';
import { toErrorResponse } from './common/errors/error-response';
import { registerCsrf } from './common/http/csrf';
import { registerTextHygiene } from './common/validation/text-hygiene';
import { WebAppHost } from './common/http/web-app-host';
import { PinoNestLogger } from './common/logging/logger';
import { registerAttachmentUploadBodies } from './modules/attachments/upload-body';
import type { AppConfig } from './config/app-config';
import { RealtimeIoAdapter } from './realtime/realtime-io.adapter';

/** Builds the whole HTTP + socket.io application (used by main.ts and by the integration tests). */
export async function createApp(config: AppConfig, logger: Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.env.BODY_LIMIT_BYTES,
    trustProxy: config.env.TRUST_PROXY,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // A path Fastify's router cannot decode (`/api/orgs/%ED%A0%80`: half a surrogate pair in
    // UTF-8) is refused before any route; without this it answered in Fastify's own error shape.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const mapped = toErrorResponse(error, String(request.id));
      void reply.status(mapped.status).send(mapped.body);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();

  // JSON only, parsed safely (prototype poisoning refused); a malformed body gets its own code
  // instead of Nest's generic 400.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: config.env.BODY_LIMIT_BYTES },
    (request, body, done) => {
      parseJson(request, body as string, (error: Error | null, value?: unknown) =>
        error ? done(new AppError('common.malformed_json', 400, 'Malformed JSON body'), undefined) : done(null, value),
      );
    },
  );

  registerAttachmentUploadBodies(fastify, config.env.BODY_LIMIT_BYTES);

  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', String(request.id));
  });

  // JSON answers (problem lists for the map, plan pages) shrink to a fifth; tiny ones are not worth
  // the CPU. Built files are compressed once at build time and sent as they are (below), and
  // request bodies are never inflated (the body limit keeps meaning what it says).
  await app.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip'], globalDecompression: false });
  await app.register(fastifyCookie);
  // The security headers are the same on every answer, so helmet is built once, here.
  // @fastify/helmet built it again on every request (CSP directives parsed each time): 8% of the
  // API's CPU per support in a profile (docs/benchmarks.md, "Supports path (issue 15)").
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        // Only behind HTTPS: on a plain-HTTP trial it would make browsers refuse every asset.
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    hsts: config.cookieSecure,
    crossOriginEmbedderPolicy: false,
  });
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
  registerCsrf(fastify, config.cookieSecure);
  registerTextHygiene(fastify);

  const webApp = app.get(WebAppHost);
  if (webApp.root) {
    // Files only; every other path (/, /isfahan/...) falls through to the app's index.html.
    // The build writes .br and .gz beside each file; a browser gets the smallest it accepts.
    await app.register(fastifyStatic, {
      root: webApp.root,
      prefix: '/',
      index: false,
      wildcard: true,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => void reply.header('cache-control', webApp.cacheControlFor(path)),
      // The build's own notes (.vite/manifest.json, route preloads) are for the server, not browsers.
      allowedPath: (path) =>
        path !== '/' && !path.endsWith('/') && !path.split('/').some((part) => part.startsWith('.')),
    });
  }

  const io = new RealtimeIoAdapter(app);
  await io.connect(config.realtimeAdapter, { redis: config.env.REDIS_URL, database: config.databaseUrl });
  app.useWebSocketAdapter(io);
  app.enableShutdownHooks();
  await app.init();
  return app;
}
