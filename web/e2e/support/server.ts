import path from 'node:path';

/** Where the e2e server listens; one fixed port so the browser and the helpers agree. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3105);
/** The origin the browser opens. */
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** File holding the server's process id between global setup and teardown. */
export const PID_FILE = path.join(__dirname, '..', 'artifacts', 'server.pid');
