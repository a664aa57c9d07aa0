import '@testing-library/jest-dom';
import { TextDecoder, TextEncoder } from 'node:util';
import { cleanup, configure } from '@testing-library/react';
import { initI18n, i18next } from '@/app/i18n';

// jsdom lacks a few browser APIs that react-router and Radix use.
Object.assign(globalThis, { TextEncoder, TextDecoder });
if (!('ResizeObserver' in globalThis)) {
  class ResizeObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.assign(globalThis, { ResizeObserver });
}
// react-router's data routers wrap each navigation in a Request (only url, method, signal read).
if (!('Request' in globalThis)) {
  class RequestStub {
    readonly url: string;
    readonly method: string;
    readonly signal: AbortSignal;
    readonly headers: unknown;
    readonly body: unknown;
    constructor(
      input: string | URL | { url: string },
      init: { method?: string; signal?: AbortSignal; headers?: unknown; body?: unknown } = {},
    ) {
      this.url = typeof input === 'string' ? input : 'url' in input ? String(input.url) : String(input);
      this.method = (init.method ?? 'GET').toUpperCase();
      this.signal = init.signal ?? new AbortController().signal;
      this.headers = init.headers ?? {};
      this.body = init.body ?? null;
    }
  }
  Object.assign(globalThis, { Request: RequestStub });
}
Element.prototype.scrollIntoView ??= function scrollIntoView() {};
Element.prototype.hasPointerCapture ??= () => false;
Element.prototype.releasePointerCapture ??= () => {};

// Tests run in Persian, the default language, like most users.
initI18n('fa');
// Arabic and English are fetched on demand in the browser; tests that switch language expect
// them at hand, so they are read once up front.
beforeAll(async () => {
  await i18next.loadLanguages(['ar', 'en']);
});

afterEach(async () => {
  cleanup();
  window.localStorage.clear();
  document.cookie.split(';').forEach((cookie) => {
    const name = cookie.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  });
  if (i18next.language !== 'fa') await i18next.changeLanguage('fa');
});

// Pages and catalogs load lazily, as in the browser: on a busy two-core CI machine a test that clicks
// through a menu and two language switches took over Jest's default 5 s. (A project's `testTimeout`
// in jest.config.js is not applied per project, hence here.)
jest.setTimeout(15_000);
// findBy*/waitFor give up after 1 s by default: on that machine a lazy chunk and two answers can take longer.
configure({ asyncUtilTimeout: 5_000 });
