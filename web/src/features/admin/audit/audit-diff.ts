/** One field that a change touched: its path (`title.fa`) and its values before and after, as text. */
export type FieldChange = { path: string; before: string | null; after: string | null };

const MAX_DEPTH = 4;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join('، ');
  return JSON.stringify(value);
}

// Leaves of nested objects by dotted path; arrays and deep objects stay whole (shown as text).
function leaves(value: unknown, prefix: string, depth: number, out: Map<string, string | null>): void {
  if (isRecord(value) && depth < MAX_DEPTH) {
    for (const [key, child] of Object.entries(value)) leaves(child, prefix ? `${prefix}.${key}` : key, depth + 1, out);
    return;
  }
  out.set(prefix, asText(value));
}

/**
 * The fields an audited change touched, in the order they first appear: a creation lists what was
 * set, a deletion what was there, an update only what differs. Reads as "field: before → after".
 */
export function auditDiff(before: unknown, after: unknown): FieldChange[] {
  const was = new Map<string, string | null>();
  const now = new Map<string, string | null>();
  if (before !== null && before !== undefined) leaves(before, '', 0, was);
  if (after !== null && after !== undefined) leaves(after, '', 0, now);
  const paths = [...new Set([...was.keys(), ...now.keys()])];
  return paths
    .map((path) => ({ path, before: was.get(path) ?? null, after: now.get(path) ?? null }))
    .filter((change) => change.before !== change.after);
}
