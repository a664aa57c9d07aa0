import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReportProblemForm } from './report-problem-page';
import { draftKey, type ProblemDraft } from '../lib/problem-draft';
import { CITIZEN_SESSION, ORG } from '../test-fixtures';
import { mockFetch, renderWithApp } from '../../../../test/render';

// The map is Leaflet in its own chunk; here a button stands in for a click on the map.
jest.mock('../components/location-picker', () => ({
  __esModule: true,
  default: ({ onChange }: { onChange: (point: { lat: number; lng: number }) => void }) => (
    <button type="button" onClick={() => onChange({ lat: 32.66, lng: 51.68 })}>
      map
    </button>
  ),
}));
jest.mock('@/lib/socket-client', () => ({
  getSocket: () => new Promise(() => {}),
  reconnectSocket: () => {},
  whenSocketOpens: () => () => {},
  closeSocket: () => {},
}));

const ACTIVITY_ID = '0f000000-0000-4000-8000-000000000001';
const PHOTO = {
  id: '0a100000-0000-4000-8000-000000000001',
  url: '/p/1.jpg',
  thumbUrl: '/p/1-thumb.jpg',
  width: 800,
  height: 600,
};

describe('ReportProblemForm', () => {
  it('restores the unsent report from this device, photos included, and sends it with the draft’s idempotency key', async () => {
    const draft: ProblemDraft = {
      values: {
        title: 'چاله در پیاده‌رو',
        description: 'یک چالهٔ بزرگ کنار ایستگاه اتوبوس.',
        themeId: ORG.themes[0].id,
        location: { lat: 32.65, lng: 51.67 },
        capacity: 'citizen',
        isAnonymous: true,
        photoIds: [PHOTO.id],
      },
      photos: [PHOTO],
      isDistrictOnly: false,
      idempotencyKey: 'a0000000-0000-4000-8000-00000000abcd',
      sentBody: null,
    };
    window.localStorage.setItem(draftKey(ORG.slug), JSON.stringify(draft));
    const fetchMock = mockFetch({
      'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION, setCookie: 'hm_csrf=csrf-1' },
      'GET /api/orgs/isfahan/problems/similar': { status: 200, body: [] },
      [`POST /api/orgs/isfahan/activities/${ACTIVITY_ID}/problems`]: {
        status: 201,
        body: { id: '0e000000-0000-4000-8000-000000000001' },
      },
    });
    const user = userEvent.setup();
    const { router } = renderWithApp(
      <ReportProblemForm organization={ORG} activityId={ACTIVITY_ID} capacities={['citizen']} />,
      '/isfahan/problems/new',
    );

    expect(screen.getByText('پیش‌نویس ذخیره‌شدهٔ شما بازیابی شد.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'عنوان' })).toHaveValue('چاله در پیاده‌رو');
    expect(screen.getByRole('textbox', { name: 'شرح مسئله' })).toHaveValue('یک چالهٔ بزرگ کنار ایستگاه اتوبوس.');
    expect(screen.getByRole('checkbox', { name: 'نامم در صفحهٔ عمومی نمایش داده نشود' })).toBeChecked();
    expect(screen.getByRole('img', { name: 'عکس ۱' })).toHaveAttribute('src', '/p/1-thumb.jpg');
    expect(screen.getByText('مکان انتخاب شد.')).toBeInTheDocument();

    // Every change is kept as it is typed.
    await user.type(screen.getByRole('textbox', { name: 'عنوان' }), ' چهارباغ');
    expect(JSON.parse(window.localStorage.getItem(draftKey(ORG.slug)) ?? '{}').values.title).toBe(
      'چاله در پیاده‌رو چهارباغ',
    );

    await user.click(screen.getByRole('button', { name: 'ثبت مسئله' }));
    await screen.findByText('مسئلهٔ شما ثبت شد.');
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect((post?.[1]?.headers as Record<string, string>)['idempotency-key']).toBe(draft.idempotencyKey);
    expect(JSON.parse(String(post?.[1]?.body))).toMatchObject({
      title: 'چاله در پیاده‌رو چهارباغ',
      photoIds: [PHOTO.id],
      location: { lat: 32.65, lng: 51.67 },
      isAnonymous: true,
    });
    expect(window.localStorage.getItem(draftKey(ORG.slug))).toBeNull();
    expect(router.state.location.pathname).toBe('/isfahan/problems/0e000000-0000-4000-8000-000000000001');
  });

  it('lets an NGO representative file for the registered stakeholder they are linked to, instead of typing its name', async () => {
    const stakeholderId = '0c000000-0000-4000-8000-000000000001';
    const draft: ProblemDraft = {
      values: {
        title: 'آلودگی هوای محله',
        description: 'دود کارگاه‌ها هر شب هوای محله را آلوده می‌کند.',
        themeId: ORG.themes[0].id,
        location: { lat: 32.65, lng: 51.67 },
        capacity: 'ngo',
        stakeholderId,
        isAnonymous: false,
        photoIds: [],
      },
      photos: [],
      isDistrictOnly: false,
      idempotencyKey: 'a0000000-0000-4000-8000-00000000abce',
      sentBody: null,
    };
    window.localStorage.setItem(draftKey(ORG.slug), JSON.stringify(draft));
    const fetchMock = mockFetch({
      'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION, setCookie: 'hm_csrf=csrf-1' },
      'GET /api/orgs/isfahan/problems/similar': { status: 200, body: [] },
      'GET /api/orgs/isfahan/stakeholders/mine': { status: 200, body: { items: [{ id: stakeholderId, name: 'سمن هوای پاک', kind: 'ngo' }] } },
      [`POST /api/orgs/isfahan/activities/${ACTIVITY_ID}/problems`]: { status: 201, body: { id: '0e000000-0000-4000-8000-000000000002' } },
    });
    const user = userEvent.setup();
    renderWithApp(<ReportProblemForm organization={ORG} activityId={ACTIVITY_ID} capacities={['citizen', 'ngo']} />, '/isfahan/problems/new');

    expect(await screen.findByRole('combobox', { name: /به نمایندگی از \(سمن ثبت‌شده\)/ })).toHaveTextContent('سمن هوای پاک');
    // The free-text name is only for an organisation that is not registered.
    expect(screen.queryByRole('textbox', { name: 'به نمایندگی از (نام سمن)' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'ثبت مسئله' }));
    await screen.findByText('مسئلهٔ شما ثبت شد.');
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toMatchObject({ capacity: 'ngo', stakeholderId });
  });

  it('names every missing field at once, in words, when the empty form is sent', async () => {
    window.localStorage.clear();
    const fetchMock = mockFetch({
      'GET /api/auth/session': { status: 200, body: CITIZEN_SESSION, setCookie: 'hm_csrf=csrf-1' },
    });
    const user = userEvent.setup();
    renderWithApp(
      <ReportProblemForm organization={ORG} activityId={ACTIVITY_ID} capacities={['citizen']} />,
      '/isfahan/problems/new',
    );

    await user.click(screen.getByRole('button', { name: 'ثبت مسئله' }));

    expect(await screen.findByText('عنوان مسئله را بنویسید.')).toBeInTheDocument();
    expect(screen.getByText('شرح مسئله را بنویسید.')).toBeInTheDocument();
    expect(screen.getByText('موضوع مسئله را انتخاب کنید.')).toBeInTheDocument();
    // The place is asked for together with the rest, not after they are fixed.
    expect(screen.getByText('جای مسئله را روی نقشه نشان دهید، یا فقط منطقه را انتخاب کنید.')).toBeInTheDocument();
    expect(screen.queryByText('کوتاه‌تر از حد مجاز است.')).not.toBeInTheDocument();
    expect(screen.queryByText('مقدار واردشده معتبر نیست.')).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'عنوان' })).toHaveAccessibleDescription('عنوان مسئله را بنویسید.');
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);

    // A title typed but too short is told how long it must be.
    await user.type(screen.getByRole('textbox', { name: 'عنوان' }), 'چاله');
    await user.click(screen.getByRole('button', { name: 'ثبت مسئله' }));
    expect(await screen.findByText('عنوان دست‌کم ۵ نویسه باشد.')).toBeInTheDocument();
  });
});
