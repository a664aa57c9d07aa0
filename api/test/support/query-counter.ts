import { Client } from 'pg';

/** SQL statements the app sends while `work` runs (the job poller's own queries left out). */
export async function countQueries(work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const original = Client.prototype.query;
  const spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string };
    const text = typeof config === 'string' ? config : (config?.text ?? '');
    if (!/\bpgboss\b/.test(text)) seen.push(text.replace(/\s+/g, ' ').slice(0, 80));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query);
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return seen;
}
