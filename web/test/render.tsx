import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { AppProviders } from '@/app/providers';
import { createQueryClient } from '@/lib/query-client';

/** Renders routes inside the app's providers at `path`, with a fresh query cache. */
export function renderRoutes(routes: RouteObject[], path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false } });
  const view = render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, queryClient };
}

/** Renders one element inside the providers and a router at `path`. */
export function renderWithApp(element: ReactElement, path = '/') {
  return renderRoutes([{ path: '*', element }], path);
}

type FakeResponse = { status: number; body?: unknown; setCookie?: string };

/** A `fetch` stand-in answering by "METHOD /path"; records every call. */
export function mockFetch(handlers: Record<string, FakeResponse | ((body: unknown) => FakeResponse)>) {
  const fn = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input.toString();
    const key = `${init?.method ?? 'GET'} ${url.split('?')[0]}`;
    const handler = handlers[key];
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const answer: FakeResponse = typeof handler === 'function' ? handler(body) : (handler ?? { status: 404, body: { code: 'common.route_not_found', message: 'no route' } });
    if (answer.setCookie) document.cookie = answer.setCookie;
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    return { ok: answer.status >= 200 && answer.status < 300, status: answer.status, text: async () => text } as Response;
  });
  globalThis.fetch = fn as typeof fetch;
  return fn;
}
