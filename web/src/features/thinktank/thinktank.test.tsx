import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { TPlan } from '@hamandishi/contracts';
import { i18next } from '@/app/i18n';
import { mockFetch, renderWithApp } from '../../../test/render';
import { SessionForm } from './session-form';
import { THINKTANK_NS, thinktankResources } from './thinktank-i18n';

const STAGE = '50000000-0000-4000-8000-000000000001';
const plan: Pick<TPlan, 'stages' | 'committees'> = {
  stages: [{ id: STAGE, title: { fa: 'شناخت' } } as TPlan['stages'][number]],
  committees: [],
};

function leafKeys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

describe('think-tank sessions', () => {
  it('has the same keys in Persian, Arabic and English', () => {
    const fa = leafKeys(thinktankResources.fa).sort();
    expect(leafKeys(thinktankResources.ar).sort()).toEqual(fa);
    expect(leafKeys(thinktankResources.en).sort()).toEqual(fa);
    expect(i18next.getFixedT('fa', THINKTANK_NS)('rsvp.waiting')).toBe('در فهرست انتظار');
  });

  it('schedules on a Jalali day with Tehran times typed in Persian digits, and refuses an end before the start', async () => {
    mockFetch({ 'GET /api/auth/session': { status: 200, body: { account: null, memberships: [], csrfToken: 'x' }, setCookie: 'hm_csrf=x' } });
    const onSubmit = jest.fn(async () => undefined);
    renderWithApp(<SessionForm slug="isfahan" plan={plan} submitLabel="ثبت جلسه" onSubmit={onSubmit} />);
    const type = (element: Element, value: string) => fireEvent.change(element, { target: { value } });

    type(await screen.findByRole('textbox', { name: 'موضوع (نقطه تمرکز)' }), 'ترافیک مرکز شهر');
    const day = screen.getByRole('group', { name: 'روز' });
    type(day.querySelector('input[id$="-day"]')!, '۱۲');
    type(day.querySelector('select')!, '9');
    type(day.querySelector('input[id$="-year"]')!, '۱۴۰۵');
    type(screen.getByRole('textbox', { name: /ساعت شروع/ }), '۱۰:۰۰');
    const end = screen.getByRole('textbox', { name: 'ساعت پایان' });
    type(end, '۰۹:۰۰');
    fireEvent.click(screen.getByRole('button', { name: 'ثبت جلسه' }));
    await waitFor(() => expect(end).toHaveAttribute('aria-invalid', 'true'));
    expect(onSubmit).not.toHaveBeenCalled();

    type(end, '۱۲:۳۰');
    fireEvent.click(screen.getByRole('button', { name: 'ثبت جلسه' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    // 1405/09/12 is 2026-12-03; Tehran keeps +03:30.
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        stageId: STAGE,
        topic: 'ترافیک مرکز شهر',
        startsAt: '2026-12-03T10:00:00+03:30',
        endsAt: '2026-12-03T12:30:00+03:30',
        capacity: null,
        committeeId: null,
      }),
    );
  });
});
