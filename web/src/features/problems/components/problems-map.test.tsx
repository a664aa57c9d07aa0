import type { ReactNode } from 'react';
import { fireEvent, screen } from '@testing-library/react';
import { changeLocale } from '@/app/i18n';
import { clusterLabel, clusterRadius } from '../lib/cluster';
import ProblemsMap from './problems-map';
import { ORG } from '../test-fixtures';
import { renderWithApp } from '../../../../test/render';

// react-leaflet ships ES modules only and draws on a canvas jsdom lacks: a DOM stand-in keeps
// our own markup (markers, tooltips, click handlers) under test.
const fakeMap = { setView: jest.fn(), getZoom: () => 12, getContainer: () => document.createElement('div'), getBounds: () => ({ getWest: () => 51.6, getSouth: () => 32.6, getEast: () => 51.7, getNorth: () => 32.7 }) };
type FakeMarkerProps = {
  title?: string;
  keyboard?: boolean;
  icon: { options: { html?: string } };
  eventHandlers?: { click?: () => void; keypress?: (event: { originalEvent: { key: string } }) => void };
};
// Leaflet's Marker with `keyboard: true` is a focusable role=button named by its title; the
// stand-in renders the same so what a keyboard user meets is under test.
jest.mock('react-leaflet', () => ({
  MapContainer: ({ children }: { children: ReactNode }) => <div data-testid="map">{children}</div>,
  CircleMarker: () => <div className="circle-marker" />,
  Marker: ({ title, keyboard, icon, eventHandlers }: FakeMarkerProps) => (
    <div
      role={keyboard ? 'button' : undefined}
      tabIndex={keyboard ? 0 : undefined}
      title={title}
      className="leaflet-marker-icon"
      onClick={() => eventHandlers?.click?.()}
      onKeyDown={(event) => eventHandlers?.keypress?.({ originalEvent: { key: event.key } })}
      dangerouslySetInnerHTML={{ __html: icon.options.html ?? '' }}
    />
  ),
  TileLayer: () => null,
  ZoomControl: () => null,
  AttributionControl: () => null,
  GeoJSON: () => null,
  useMap: () => fakeMap,
  useMapEvents: () => fakeMap,
}));

const VIEW = {
  clusters: [{ lat: 32.65, lng: 51.67, count: 128 }],
  points: [{ id: '0e000000-0000-4000-8000-000000000001', lat: 32.66, lng: 51.68, status: 'submitted' as const, themeId: ORG.themes[0].id, supportCount: 2 }],
  total: 129,
};

describe('cluster markers', () => {
  it('label a cluster with its count in Persian digits on the map', () => {
    renderWithApp(<ProblemsMap organization={ORG} view={VIEW} heat={undefined} isHeatShown={false} onViewportChange={() => {}} />);
    const label = screen.getByText('۱۲۸');
    expect(label).toHaveClass('cluster-label');
    expect(screen.queryByText('128')).not.toBeInTheDocument();
    // A click on a cluster zooms in on it.
    fireEvent.click(label.closest('.leaflet-marker-icon') as HTMLElement);
    expect(fakeMap.setView).toHaveBeenCalledWith([32.65, 51.67], 14);
  });

  it('label in the reader’s digits and grow with the count', async () => {
    expect(clusterLabel(12, 'fa')).toBe('۱۲');
    expect(clusterLabel(12, 'ar')).toBe('١٢');
    expect(clusterLabel(12, 'en')).toBe('12');
    expect(clusterLabel(4200, 'fa')).toBe('۹۹۹+');
    expect(clusterRadius(1000)).toBeGreaterThan(clusterRadius(10));
    await changeLocale('en');
    renderWithApp(<ProblemsMap organization={ORG} view={VIEW} heat={undefined} isHeatShown={false} onViewportChange={() => {}} />);
    expect(screen.getByText('128')).toBeInTheDocument();
  });
});

describe('markers from the keyboard', () => {
  it('are focusable buttons named for what they are; Enter opens a problem or zooms into a cluster', async () => {
    fakeMap.setView.mockClear();
    const { router } = renderWithApp(<ProblemsMap organization={ORG} view={VIEW} heat={undefined} isHeatShown={false} onViewportChange={() => {}} />, '/isfahan/problems');
    const cluster = screen.getByRole('button', { name: '۱۲۸ مسئله در این نقطه؛ برای دیدن جزئیات بزرگ‌نمایی کنید' });
    const point = screen.getByRole('button', { name: 'مسئله: حمل‌ونقل، ثبت‌شده' });
    expect(point).toHaveAttribute('tabindex', '0');
    point.focus();
    expect(point).toHaveFocus();
    fireEvent.keyDown(cluster, { key: 'Enter' });
    expect(fakeMap.setView).toHaveBeenCalledWith([32.65, 51.67], 14);
    fireEvent.keyDown(point, { key: 'Enter' });
    expect(router.state.location.pathname).toBe(`/isfahan/problems/${VIEW.points[0].id}`);
  });
});
