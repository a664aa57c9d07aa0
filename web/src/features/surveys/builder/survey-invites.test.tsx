import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TSurveyInvite } from '@hamandishi/contracts';
import { CITIZEN_SESSION } from '@/features/problems/test-fixtures';
import { mockFetch, renderWithApp } from '../../../../test/render';
import { inviteLabels, SurveyInvites } from './survey-invites';

const ACTIVITY_ID = '5a000000-0000-4000-8000-000000000001';
const BASE = `/api/orgs/isfahan/surveys/${ACTIVITY_ID}`;
const invite = (id: string, label: string): TSurveyInvite => ({
  id,
  label,
  expiresAt: '2031-03-20T20:29:59Z',
  usedAt: null,
  revokedAt: null,
  createdAt: '2026-12-01T10:00:00Z',
});

describe('personal invitation links', () => {
  it('reads one label per line', () => {
    expect(inviteLabels('  انجمن محله \n\nشورای یاری\r\n')).toEqual(['انجمن محله', 'شورای یاری']);
  });

  it('makes links in bulk, shows them once, lists them and revokes one', async () => {
    let items = [invite('6a000000-0000-4000-8000-000000000001', 'قدیمی')];
    const fetchMock = mockFetch({
      'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION, setCookie: 'hm_csrf=csrf-1' },
      [`GET ${BASE}/invites`]: () => ({ status: 200, body: { items } }),
      [`POST ${BASE}/invites`]: (body) => {
        const made = (body as { labels: string[] }).labels.map((label, k) => ({
          ...invite(`6b000000-0000-4000-8000-00000000000${k}`, label),
          token: `tok${k}`,
          path: `/isfahan/surveys/${ACTIVITY_ID}?invite=tok${k}`,
        }));
        items = [...made.map(({ token: _t, path: _p, ...rest }) => rest), ...items];
        return { status: 201, body: { items: made } };
      },
      [`POST ${BASE}/invites/6a000000-0000-4000-8000-000000000001/revoke`]: () => {
        items = items.map((i) => (i.label === 'قدیمی' ? { ...i, revokedAt: '2026-12-02T10:00:00Z' } : i));
        return { status: 200, body: items.find((i) => i.label === 'قدیمی') };
      },
    });
    const user = userEvent.setup();
    renderWithApp(<SurveyInvites slug="isfahan" activityId={ACTIVITY_ID} />);
    expect(await screen.findByRole('list', { name: 'پیوندهای ساخته‌شده' })).toHaveTextContent('قدیمی');

    await user.type(
      screen.getByRole('textbox', { name: 'برچسب پیوندها (هر خط یک نفر یا گروه)' }),
      'انجمن محله{Enter}شورای یاری',
    );
    const create = screen.getByRole('button', { name: 'ساختن ۲ پیوند' });
    expect(create).toBeDisabled();
    const expiry = screen.getByRole('group', { name: 'اعتبار تا پایان روز' });
    await user.type(within(expiry).getByRole('textbox', { name: 'روز' }), '۲۹');
    await user.selectOptions(within(expiry).getByRole('combobox', { name: 'ماه' }), '12');
    await user.type(within(expiry).getByRole('textbox', { name: 'سال' }), '۱۴۰۹');
    await user.click(create);

    expect(
      await screen.findByText('این پیوندها دیگر نشان داده نمی‌شوند؛ همین حالا آن‌ها را رونوشت کنید:'),
    ).toBeInTheDocument();
    expect(screen.getByText(`http://localhost/isfahan/surveys/${ACTIVITY_ID}?invite=tok1`)).toBeInTheDocument();
    const post = fetchMock.mock.calls.find(
      ([url, init]) => init?.method === 'POST' && String(url).endsWith('/invites'),
    );
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({
      labels: ['انجمن محله', 'شورای یاری'],
      expiresAt: '2031-03-20T20:29:59Z',
    });

    await user.click(await screen.findByRole('button', { name: 'لغو پیوند «قدیمی»' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'لغو پیوند «قدیمی»' })).not.toBeInTheDocument());
    expect(screen.getByRole('list', { name: 'پیوندهای ساخته‌شده' })).toHaveTextContent('لغو شده');
  });
});
