import type { FastifyInstance, FastifyRequest } from 'fastify';
import { INVALID_CHARACTERS } from '@hamandishi/contracts';
import { isStorableText } from '@hamandishi/text';
import { toErrorResponse } from '../errors/error-response';
import { AppError } from '../errors/app-error';

/**
 * Refuses a request whose route parameters, query or JSON body carry text that PostgreSQL cannot
 * store (NUL, half a surrogate pair) or a query that is not valid percent-encoded UTF-8, before
 * any guard or handler runs. The shared text schemas refuse the same characters field by field
 * (and normalise what they keep); this hook is the net under them, for route parameters and
 * schema-less inputs (z.unknown() settings, object keys), so no route can answer 500 on them.
 * The answer names the fields and never echoes the text.
 */
export function registerTextHygiene(app: FastifyInstance): void {
  app.addHook('preHandler', async (request, reply) => {
    const fields = unstorableFields(request);
    if (!fields) return;
    const mapped = toErrorResponse(
      new AppError('common.validation_failed', 400, 'Text contains characters that cannot be stored', fields),
      String(request.id),
    );
    return reply.status(mapped.status).send(mapped.body);
  });
}

/** The fields (`path.to.field` → invalid_characters) that hold unstorable text, or null. */
export function unstorableFields(
  request: Pick<FastifyRequest, 'params' | 'query' | 'body' | 'url'>,
): Record<string, string> | null {
  const fields: Record<string, string> = {};
  for (const path of undecodableQueryKeys(request.url)) fields[path] = INVALID_CHARACTERS;
  for (const input of [request.params, request.query, request.body]) {
    for (const path of unstorablePaths(input)) fields[path] ??= INVALID_CHARACTERS;
  }
  return Object.keys(fields).length ? fields : null;
}

/**
 * Paths of the strings (values or object keys) in a parsed JSON value that cannot be stored.
 * Walks with its own stack, so a deeply nested body cannot overflow the call stack, and builds a
 * path only for what it finds (a 1 MiB body of 10,000 strings takes about 6 ms).
 */
export function unstorablePaths(input: unknown): string[] {
  type Node = { value: unknown; key: string | null; parent: Node | null };
  const found = new Set<string>();
  const stack: Node[] = [{ value: input, key: null, parent: null }];
  while (stack.length) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === 'string') {
      if (!isStorableText(value)) found.add(pathOf(node));
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i], key: String(i), parent: node });
    } else if (isPlainObject(value)) {
      for (const key of Object.keys(value)) {
        // A bad key is reported at its parent: echoing the key would echo the bad text.
        if (!isStorableText(key)) found.add(pathOf(node));
        else stack.push({ value: value[key], key, parent: node });
      }
    }
  }
  return [...found];
}

function pathOf(node: { key: string | null; parent: { key: string | null; parent: unknown } | null }): string {
  const keys: string[] = [];
  for (let n: typeof node | null = node; n && n.key !== null; n = n.parent as typeof node | null) keys.unshift(n.key);
  return keys.length ? keys.join('.') : '_';
}

// Fastify's query parser keeps a component it cannot decode (`%ED%A0%80`, half a surrogate pair
// in UTF-8, or a cut-off `%E0%A4`) as the raw text, so the route would silently search for
// "%ED%A0%80". Such a query is malformed: the names of the parameters are reported instead.
function undecodableQueryKeys(url: string): string[] {
  const start = url.indexOf('?');
  if (start < 0) return [];
  const keys: string[] = [];
  for (const part of url.slice(start + 1).split('&')) {
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const key = decode(rawKey);
    if (key === null || (eq >= 0 && decode(part.slice(eq + 1)) === null))
      keys.push(key !== null && isStorableText(key) ? key : '_');
  }
  return keys;
}

function decode(component: string): string | null {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

// Plain data only: what JSON.parse makes, and the dictionaries Fastify's query parser and router
// make (objects of a constructor whose prototype has no prototype). Streams and Buffers of upload
// bodies are left alone.
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}
