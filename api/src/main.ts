import 'reflect-metadata';
import { AppConfig } from './config/app-config';
import { loadEnv } from './config/env';
import { createLogger } from './common/logging/logger';
import { resolveDatabase } from './database/database-url';
import { runMigrations } from './database/migrate';
import { seedDemo, DEMO_SIGN_INS } from './database/seed/demo-seed';
import { createApp } from './bootstrap';
import { exposureWarnings } from './config/exposure';

// Plain lines for the person who ran `npm start`; the structured logs follow.
const step = (message: string) => process.stdout.write(`» ${message}\n`);

async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const { url, embedded } = await resolveDatabase(env, step);
  step(embedded ? `embedded PostgreSQL is up on port ${embedded.port}` : 'using DATABASE_URL');
  step('applying migrations');
  const applied = await runMigrations(url, (m) => step(m));
  if (!applied.length) step('database schema is up to date');
  if (env.SEED_DEMO) {
    step('seeding the demo municipality');
    await seedDemo(url);
  }
  const config = new AppConfig(env, url);
  const app = await createApp(config, logger);
  await app.listen({ port: env.PORT, host: env.HOST });
  const shown = `http://localhost:${env.PORT}`;
  step(
    `Hamandishi is running at ${shown}${env.HOST === '127.0.0.1' ? ' (this machine only; set HOST=0.0.0.0 to open it to the network)' : ''}`,
  );
  const exposed = exposureWarnings(env, config.devOutboxEnabled);
  for (const line of exposed) step(line);
  // Also in the structured log, where an operator's log collector will see it.
  if (exposed.length)
    logger.warn(
      { host: env.HOST, exposure: exposed.slice(1) },
      'server reachable from the network: see the exposure list',
    );
  if (env.SEED_DEMO) {
    step(`demo municipality: ${shown}/isfahan`);
    step('demo sign-ins (email + password, or the mobile with a code from the server log):');
    for (const s of DEMO_SIGN_INS) step(`  ${s.role.padEnd(10)} ${s.email}  ${s.password}  ${s.mobile}`);
  }
  const stop = async () => {
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Hamandishi could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
