import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SURVEY_EXAMPLE_DEFINITION } from './survey-copy-and-history.fixtures';
import { SurveyCopyAndHistory } from './survey-copy-and-history';
import { mockFetch, renderWithApp } from '../../../../test/render';
import '../surveys-i18n';

const SOURCE = '11111111-1111-4111-8111-111111111111';
const TARGET = '22222222-2222-4222-8222-222222222222';
const PLAN = '33333333-3333-4333-8333-333333333333';

const plan = {
  id: PLAN,
  stages: [
    {
      id: '44444444-4444-4444-8444-444444444444',
      title: { fa: 'شناخت' },
      activities: [
        { id: SOURCE, type: 'survey', title: { fa: 'پیمایش محله' } },
        { id: TARGET, type: 'survey', title: { fa: 'پیمایش جوانان' } },
        { id: '55555555-5555-4555-8555-555555555555', type: 'consultation', title: { fa: 'گزارش شناخت' } },
      ],
    },
  ],
};

describe('copying a survey and its earlier versions', () => {
  it('copies into another survey activity of the plan (not a consultation) and lists the earlier versions', async () => {
    const user = userEvent.setup();
    const fetchMock = mockFetch({
      'GET /api/auth/session': {
        status: 200,
        body: { account: null, memberships: [], csrfToken: 'csrf-1' },
        setCookie: 'hm_csrf=csrf-1',
      },
      [`GET /api/orgs/isfahan/plans/${PLAN}`]: { status: 200, body: plan },
      [`GET /api/orgs/isfahan/surveys/${SOURCE}/versions`]: {
        status: 200,
        body: { items: [{ version: 1, definition: SURVEY_EXAMPLE_DEFINITION, createdAt: '2026-11-20T08:00:00Z' }] },
      },
      [`POST /api/orgs/isfahan/surveys/${SOURCE}/duplicate`]: { status: 200, body: { activityId: TARGET } },
    });
    renderWithApp(<SurveyCopyAndHistory slug="isfahan" activityId={SOURCE} planId={PLAN} />);

    expect(await screen.findByText(/نسخهٔ ۱ \(۱ پرسش\)/)).toBeInTheDocument();
    await user.click(await screen.findByRole('combobox', { name: 'رونوشت در فعالیت پیمایش' }));
    expect(screen.queryByRole('option', { name: /گزارش شناخت/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /پیمایش محله/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('option', { name: 'شناخت › پیمایش جوانان' }));
    await user.click(screen.getByRole('button', { name: 'رونوشت پرسشنامه' }));

    expect(await screen.findByRole('link', { name: 'باز کردن رونوشت' })).toHaveAttribute(
      'href',
      `/isfahan/manage/surveys/${TARGET}?plan=${PLAN}`,
    );
    await waitFor(() =>
      expect(
        fetchMock.mock.calls.some(
          ([url, init]) =>
            String(url).endsWith('/duplicate') && init?.body === JSON.stringify({ targetActivityId: TARGET }),
        ),
      ).toBe(true),
    );
  });

  it('says where to open it from when the plan is not known', () => {
    mockFetch({ [`GET /api/orgs/isfahan/surveys/${SOURCE}/versions`]: { status: 200, body: { items: [] } } });
    renderWithApp(<SurveyCopyAndHistory slug="isfahan" activityId={SOURCE} planId={null} />);
    expect(screen.getByText('برای رونوشت گرفتن، این صفحه را از صفحهٔ مدیریت برنامه باز کنید.')).toBeInTheDocument();
  });
});
