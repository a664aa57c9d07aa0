import { Client } from 'pg';

/** Drops the template and stops the embedded server, if this run started one. */
export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL;
  const template = process.env.TEST_DATABASE_TEMPLATE;
  if (serverUrl && template) {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
  const embedded = (globalThis as { __embeddedPostgres?: { stop: () => Promise<void> } }).__embeddedPostgres;
  await embedded?.stop();
}
