import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TAdminTheme } from '@hamandishi/contracts';
import { mockFetch, renderWithApp } from '../../../../test/render';
import '../admin-i18n';
import { ThemeMergeDialog } from './theme-dialogs';
import { ThemeFormDialog } from './theme-form-dialog';

const theme = (over: Partial<TAdminTheme>): TAdminTheme => ({
  id: '07000000-0000-4000-8000-000000000001',
  parentId: null,
  slug: 'transport',
  name: { fa: 'حمل‌ونقل' },
  colour: '#607d8b',
  icon: 'transport',
  position: 0,
  isArchived: false,
  archivedAt: null,
  items: { problems: 0, committees: 0, upstreamDirections: 0 },
  ...over,
});

const transport = theme({ items: { problems: 12, committees: 2, upstreamDirections: 3 } });
const bus = theme({ id: '07000000-0000-4000-8000-000000000002', parentId: transport.id, slug: 'bus', name: { fa: 'اتوبوس' } });
const waste = theme({ id: '07000000-0000-4000-8000-000000000003', slug: 'waste', name: { fa: 'پسماند' }, position: 1 });
const recycling = theme({ id: '07000000-0000-4000-8000-000000000004', parentId: waste.id, slug: 'recycling', name: { fa: 'بازیافت' } });

describe('theme dialogs', () => {
  it('creates a theme: refuses a bad slug and colour in Persian, then sends names, icon and parent', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch({
      'GET /api/auth/session': { status: 200, body: { account: null, memberships: [], csrfToken: 'c' }, setCookie: 'hm_csrf=c' },
      'POST /api/orgs/isfahan/themes': (body) => ({ status: 201, body: { ...waste, ...(body as object) } }),
      'GET /api/orgs/isfahan': { status: 200, body: {} },
    });
    const handleOpenChange = jest.fn();
    renderWithApp(<ThemeFormDialog slug="isfahan" parents={[transport, waste]} parentId={waste.id} isOpen onOpenChange={handleOpenChange} />);

    const dialog = screen.getByRole('dialog', { name: 'موضوع تازه' });
    const names = within(dialog).getByRole('group', { name: 'نام' });
    await user.type(within(names).getByRole('textbox', { name: 'فارسی' }), 'بازيافت');
    await user.type(within(dialog).getByRole('textbox', { name: 'شناسه' }), 'Bad Slug');
    await user.click(within(dialog).getByRole('button', { name: 'ساختن' }));
    expect(within(dialog).getByRole('textbox', { name: 'شناسه' })).toHaveAttribute('aria-invalid', 'true');
    expect(fetch).not.toHaveBeenCalledWith('/api/orgs/isfahan/themes', expect.anything());

    await user.clear(within(dialog).getByRole('textbox', { name: 'شناسه' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'شناسه' }), 'recycling');
    await user.click(within(dialog).getByRole('radio', { name: 'بازیافت' }));
    await user.click(within(dialog).getByRole('button', { name: 'ساختن' }));

    const call = fetch.mock.calls.find(([url, init]) => url === '/api/orgs/isfahan/themes' && init?.method === 'POST');
    expect(JSON.parse(String(call?.[1]?.body))).toEqual({
      slug: 'recycling',
      name: { fa: 'بازیافت' },
      parentId: waste.id,
      colour: '#607d8b',
      icon: 'recycling',
    });
    expect(handleOpenChange).toHaveBeenCalledWith(false);
  });

  it('merging: says how much will move, and offers neither the theme itself nor its sub-themes nor a third level', async () => {
    const user = userEvent.setup();
    renderWithApp(<ThemeMergeDialog slug="isfahan" theme={transport} themes={[transport, bus, waste, recycling]} isOpen onOpenChange={() => {}} />);
    const dialog = screen.getByRole('dialog', { name: 'ادغام «حمل‌ونقل»' });
    expect(within(dialog).getByText('۱۲ مسئله، ۲ کمیته، ۳ جهت‌گیری سند بالادستی و ۱ زیرموضوع منتقل می‌شوند.')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'ادغام' })).toBeDisabled();
    await user.click(within(dialog).getByRole('combobox', { name: 'موضوع مقصد' }));
    // Transport has a sub-theme, so only top-level themes can take it.
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['پسماند']);
  });
});
