/** What a test sees of a response. */
export type TestResponse<T = any> = { status: number; body: T; headers: Headers; text: string; bytes: Buffer };

type RequestOptions = { headers?: Record<string, string | null>; body?: unknown; raw?: string; bytes?: Uint8Array };

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A browser-like HTTP client: keeps cookies, and echoes the CSRF cookie in `x-csrf-token` as the
 * web app does (pass `headers: { 'x-csrf-token': null }` to leave it out).
 */
export class TestClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }
  post<T = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('POST', path, { ...options, body });
  }
  patch<T = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  put<T = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PUT', path, { ...options, body });
  }
  delete<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options);
  }

  /** Sends `raw` as the body, untouched (for malformed JSON and oversized bodies). */
  raw<T = any>(method: string, path: string, raw: string, headers: Record<string, string | null> = {}) {
    return this.request<T>(method, path, { raw, headers: { 'content-type': 'application/json', ...headers } });
  }

  /** Sends `bytes` as the body, untouched (file uploads); give the file's `content-type` in `headers`. */
  rawBytes<T = any>(method: string, path: string, bytes: Uint8Array, headers: Record<string, string | null> = {}) {
    return this.request<T>(method, path, { bytes, headers: { 'content-type': 'application/octet-stream', ...headers } });
  }

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<TestResponse<T>> {
    if (UNSAFE.has(method) && !this.cookies.has('hm_csrf')) await this.request('GET', '/api/auth/session');
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (UNSAFE.has(method) && this.cookies.has('hm_csrf')) headers['x-csrf-token'] = this.cookies.get('hm_csrf')!;
    let body: string | Uint8Array | undefined = options.raw ?? options.bytes;
    if (body === undefined && options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    for (const [k, v] of Object.entries(options.headers ?? {})) {
      if (v === null) delete headers[k];
      else headers[k] = v;
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const [name, ...value] = pair.split('=');
      const expired = attributes.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value.join('=') === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    const isJson = response.headers.get('content-type')?.includes('json');
    return { status: response.status, body: (isJson && text ? JSON.parse(text) : text) as T, headers: response.headers, text, bytes };
  }
}
