import { screen, within } from '@testing-library/react';
import type { TActivity, TStage } from '@hamandishi/contracts';
import { changeLocale } from '@/app/i18n';
import { StageTimeline } from './stage-timeline';
import { renderWithApp } from '../../../../test/render';

const PLAN_ID = '3b0a7f5e-1c1d-4b7a-9a55-0d6c1e2f3a01';

function activity(overrides: Partial<TActivity>): TActivity {
  return {
    id: '8c0e1f5e-1c1d-4b7a-9a55-0d6c1e2f3a10',
    stageId: '',
    type: 'problem_collection',
    title: { fa: 'ثبت مسائل محله', en: 'Neighbourhood problems' },
    description: null,
    opensAt: '2026-04-20T20:30:00.000Z',
    closesAt: '2026-05-21T20:29:59.000Z',
    isOpen: true,
    participation: { audience: 'signed_in' },
    settings: {},
    position: 0,
    ...overrides,
  };
}

function stage(position: number, overrides: Partial<TStage>): TStage {
  return {
    id: `5d1e2f3a-0000-4000-8000-00000000000${position}`,
    planId: PLAN_ID,
    position,
    title: { fa: `مرحله آزمایشی ${position}` },
    description: null,
    startsOn: '2026-03-21',
    endsOn: '2026-04-20',
    status: 'upcoming',
    statusOverride: null,
    activities: [],
    attachments: [],
    ...overrides,
  };
}

// Listed out of order on purpose: the timeline orders by position.
const stages: TStage[] = [
  stage(3, { title: { fa: 'تجویز', en: 'Prescription' }, startsOn: '2026-06-22', endsOn: '2026-09-22', status: 'upcoming' }),
  stage(1, { title: { fa: 'شناخت', en: 'Recognition' }, startsOn: '2026-03-21', endsOn: '2026-04-20', status: 'closed' }),
  stage(2, {
    title: { fa: 'تحلیل', en: 'Analysis' },
    startsOn: '2026-04-21',
    endsOn: '2026-06-21',
    status: 'open',
    activities: [activity({}), activity({ id: '8c0e1f5e-1c1d-4b7a-9a55-0d6c1e2f3a11', type: 'survey', title: { fa: 'پرسشنامه بسته' }, isOpen: false })],
  }),
];

function renderTimeline() {
  return renderWithApp(<StageTimeline slug="isfahan" planId={PLAN_ID} stages={stages} />);
}

describe('StageTimeline', () => {
  it('orders the stages, highlights the open one and lists only its open activities', () => {
    renderTimeline();
    const items = within(screen.getByRole('list', { name: 'گاه‌شمار مراحل' })).getAllByRole('listitem').filter((item) => item.classList.contains('timeline__stage'));
    expect(items.map((item) => within(item).getByRole('heading', { level: 3 }).textContent)).toEqual(['شناخت', 'تحلیل', 'تجویز']);

    const current = items[1];
    expect(current).toHaveAttribute('aria-current', 'step');
    expect(items[0]).not.toHaveAttribute('aria-current');
    expect(within(current).getByText(/مرحله جاری/)).toBeInTheDocument();
    expect(within(current).getByText('در جریان')).toBeInTheDocument();
    expect(within(items[0]).getByText('پایان‌یافته')).toBeInTheDocument();
    expect(within(items[2]).getByText('پیش رو')).toBeInTheDocument();

    expect(within(current).getByText('طرح مسئله')).toBeInTheDocument();
    expect(within(current).getByText('ثبت مسائل محله')).toBeInTheDocument();
    expect(within(current).queryByText('پرسشنامه بسته')).not.toBeInTheDocument();
    expect(within(current).getByRole('link', { name: 'تحلیل' })).toHaveAttribute('href', `/isfahan/plans/${PLAN_ID}/stages/${stages[2].id}`);
  });

  it('shows stage dates in the Jalali calendar with Persian digits', () => {
    renderTimeline();
    // 2026-03-21 is 1 Farvardin 1405; 2026-04-20 is 31 Farvardin.
    const first = screen.getByRole('heading', { name: 'شناخت' }).closest('li') as HTMLElement;
    expect(within(first).getByText('۱۴۰۵/۰۱/۰۱')).toHaveAttribute('dateTime', '2026-03-21');
    expect(within(first).getByText('۱۴۰۵/۰۱/۳۱')).toBeInTheDocument();
    expect(within(first).getByText('۱')).toBeInTheDocument();
  });

  it('shows Gregorian dates and English titles in English', async () => {
    await changeLocale('en');
    renderTimeline();
    expect(screen.getByRole('heading', { name: 'Analysis' })).toBeInTheDocument();
    // The month by name: 03/04/2026 is 3 April to some readers and March 4 to others.
    expect(screen.getByText('21 Mar 2026')).toBeInTheDocument();
    expect(screen.getByText(/current stage/)).toBeInTheDocument();
  });

  it('links each open activity to where people take part: the problems map for a problem collection', () => {
    renderTimeline();
    const current = screen.getByRole('heading', { name: 'تحلیل' }).closest('li') as HTMLElement;
    expect(within(current).getByRole('link', { name: 'ثبت مسائل محله' })).toHaveAttribute('href', '/isfahan/problems');
  });
});
