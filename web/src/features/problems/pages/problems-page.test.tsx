import { Outlet } from 'react-router';
import { fireEvent, screen } from '@testing-library/react';
import ProblemsPage from './problems-page';
import { ORG } from '../test-fixtures';
import { mockFetch, renderRoutes } from '../../../../test/render';

// Leaflet is drawn in its own chunk; the page's own markup is what is under test here.
jest.mock('../components/problems-map', () => ({ __esModule: true, default: () => <div data-testid="map" /> }));
// Stands in for the filter form's chunk and records when the page asks for it.
// (A count on globalThis: the factory may run while this file's imports are hoisted above it.)
const loads = globalThis as { filterFormLoads?: number };
jest.mock('../components/problem-filters', () => {
  const counter = globalThis as { filterFormLoads?: number };
  counter.filterFormLoads = (counter.filterFormLoads ?? 0) + 1;
  return {
    ...jest.requireActual<object>('../components/problem-filters'),
    ProblemFilters: () => <form role="search" aria-label="filters" />,
  };
});
jest.mock('@/lib/socket-client', () => ({
  getSocket: () => new Promise(() => {}),
  reconnectSocket: () => {},
  whenSocketOpens: () => () => {},
  closeSocket: () => {},
}));

function renderPage(path: string) {
  mockFetch({ 'GET /api/orgs/isfahan/problems': { status: 200, body: { items: [], nextCursor: null } } });
  return renderRoutes(
    [
      {
        path: '/:slug',
        element: <Outlet context={{ organization: ORG }} />,
        children: [{ path: 'problems', element: <ProblemsPage /> }],
      },
    ],
    path,
  );
}

describe('ProblemsPage', () => {
  it('fetches the filter form only when its folded panel is opened (a first visit on 3G does not)', async () => {
    renderPage('/isfahan/problems');
    expect(
      await screen.findByText('مسئله‌ای با این پالایه‌ها پیدا نشد.', undefined, { timeout: 5_000 }),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('map')).toBeInTheDocument();
    expect(screen.queryByRole('search')).not.toBeInTheDocument();
    expect(loads.filterFormLoads ?? 0).toBe(0);

    const panel = document.querySelector('details.problem-filters-panel') as HTMLDetailsElement;
    panel.open = true;
    fireEvent(panel, new Event('toggle'));
    expect(await screen.findByRole('search')).toBeInTheDocument();
    expect(loads.filterFormLoads).toBe(1);
  });

  it('shows the filter form at once when the address carries filters (a shared filtered map)', async () => {
    renderPage('/isfahan/problems?status=accepted');
    expect(await screen.findByRole('search')).toBeInTheDocument();
    expect((document.querySelector('details.problem-filters-panel') as HTMLDetailsElement).open).toBe(true);
  });
});
