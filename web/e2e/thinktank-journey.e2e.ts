import type { Browser, Page } from 'playwright-core';
import { toAsciiDigits } from '@hamandishi/text';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, SLUG } from './support/accounts';
import { importStakeholdersInUi } from './support/stakeholders';
import { openSession, planWithStage, rsvpPathSentTo, scheduleSession, signUpParticipant, tickAttendance } from './support/thinktank';

const PLANNER = 'planner@demo.hamandishi.ir';

// Issue 12's journey in Persian (RTL), with axe: a planner imports stakeholders (their contacts are
// two people's mobiles), schedules a session and invites the stakeholders; the two people answer
// their personal links, are ticked present, post and vote live on the board in two browser contexts
// and see each other's changes; the facilitator (the planner) groups the statements, closes the
// board and the session; the dashboard shows the person-hours and the statements.
describe('think-tank journey: registry → session → live board → dashboard', () => {
  let browser: Browser;
  let planner: Page;
  let sara: Page;
  let reza: Page;
  let planId: string;
  let sessionId: string;
  let checkedInAt = 0;
  const run = Date.now().toString(36);
  const topic = `آینده حمل‌ونقل ${run}`;
  const saraName = `سارا ${run}`;
  const rezaName = `رضا ${run}`;
  const ngo = `سمن دوچرخه ${run}`;
  const university = `دانشکده شهرسازی ${run}`;
  const mobiles: { sara?: string; reza?: string } = {};

  beforeAll(async () => {
    browser = await launchBrowser();
    planner = await newPage(browser);
    await signInWithEmail(planner, PLANNER);
    planId = (await planWithStage(planner)).id;
    sara = await newPage(browser);
    mobiles.sara = await signUpParticipant(sara, saraName);
    reza = await newPage(browser);
    mobiles.reza = await signUpParticipant(reza, rezaName);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const card = (page: Page, text: string) => page.getByTestId('statement').filter({ hasText: text });

  it('imports stakeholders, schedules a session and invites them through the registry', async () => {
    await importStakeholdersInUi(
      planner,
      [
        { name: ngo, kind: 'ngo', relation: 'influential', influence: 4, interest: 5, mandatory: true, contactName: saraName, contactPhone: mobiles.sara },
        { name: university, kind: 'academic', relation: 'relevant', influence: 3, interest: 4, mandatory: true, contactName: rezaName, contactPhone: mobiles.reza },
      ],
      planId,
    );
    expect(await planner.locator('html').getAttribute('dir')).toBe('rtl');

    // The session runs now: it began ten minutes ago and lasts another hour.
    await scheduleSession(planner, planId, topic, -10, 60);
    await openSession(planner, planId, topic);
    sessionId = /\/sessions\/([0-9a-f-]{36})/.exec(planner.url())![1];
    const section = planner.locator('section').filter({ has: planner.getByRole('heading', { name: 'دعوت‌ها' }) });
    for (const name of [ngo, university]) {
      await section.getByRole('textbox', { name: 'دعوت یک ذی‌نفع' }).fill(name);
      await section.getByRole('button', { name: new RegExp(`^انتخاب ${name} · `) }).click();
      await section.getByRole('list', { name: 'برای دعوت' }).getByText(name, { exact: true }).waitFor();
    }
    await expectNoSeriousA11yViolations(planner, 'session invitations with stakeholders');
    await section.getByRole('button', { name: 'فرستادن دعوت‌ها' }).click();
    for (const name of [ngo, university]) await section.getByTestId('invitation-row').filter({ hasText: name }).waitFor();

    // Each person opens the personal link from the SMS, signed in, and says yes.
    for (const [page, mobile] of [
      [sara, mobiles.sara!],
      [reza, mobiles.reza!],
    ] as const) {
      await page.goto(await rsvpPathSentTo(page, mobile));
      await page.getByRole('heading', { level: 1, name: topic }).waitFor();
      await page.getByRole('button', { name: 'می‌آیم' }).click();
      await page.getByText('حضورتان ثبت شد. سپاس!').waitFor();
    }
    await expectNoSeriousA11yViolations(sara, 'session page with an RSVP link');

    // At the door: both are ticked present.
    await planner.reload();
    for (const name of [saraName, rezaName]) await tickAttendance(planner, name, 'in');
    checkedInAt = Date.now();
  });

  it('carries posts and votes live between the two participants; the facilitator groups and closes', async () => {
    const boardPath = `/${SLUG}/sessions/${sessionId}/board`;
    await planner.goto(boardPath);
    await planner.getByRole('button', { name: 'باز کردن تابلو' }).click();
    await planner.getByTestId('board-status').getByText('باز').waitFor();
    for (const page of [sara, reza]) {
      await page.goto(boardPath);
      await page.getByTestId('board-status').getByText('باز').waitFor();
    }

    await sara.getByLabel('گزاره شما').fill('مسیر دوچرخه از میدان تا دانشگاه');
    await sara.getByRole('button', { name: 'فرستادن' }).click();
    await card(reza, 'مسیر دوچرخه از میدان تا دانشگاه').waitFor();
    await reza.getByLabel('گزاره شما').fill('اتوبوس برقی در خطوط اصلی');
    await reza.getByRole('button', { name: 'فرستادن' }).click();
    await card(sara, 'اتوبوس برقی در خطوط اصلی').waitFor();
    await card(planner, 'اتوبوس برقی در خطوط اصلی').waitFor();

    // Reza up-votes Sara's statement and Sara sees the count move; Sara agrees with Reza's.
    await card(reza, 'مسیر دوچرخه از میدان تا دانشگاه').getByRole('button', { name: /رأی موافق/ }).click();
    await card(sara, 'مسیر دوچرخه از میدان تا دانشگاه').getByRole('button', { name: /^۱ رأی موافق/ }).waitFor();
    await card(sara, 'اتوبوس برقی در خطوط اصلی').getByRole('button', { name: 'موافقم' }).click();
    await card(sara, 'اتوبوس برقی در خطوط اصلی').locator('button[aria-pressed="true"]', { hasText: 'موافقم' }).waitFor();
    await expectNoSeriousA11yViolations(reza, 'live board, participant');

    // The facilitator groups both statements; the participants see the group.
    await planner.getByLabel('گروه تازه').fill('حمل‌ونقل پاک');
    await planner.getByRole('button', { name: 'افزودن گروه' }).click();
    const group = (page: Page) => page.getByTestId('cluster').filter({ has: page.getByRole('heading', { name: /^حمل‌ونقل پاک / }) });
    await group(planner).waitFor();
    for (const text of ['مسیر دوچرخه از میدان تا دانشگاه', 'اتوبوس برقی در خطوط اصلی']) {
      await card(planner, text).getByLabel('گروه').selectOption({ label: 'حمل‌ونقل پاک' });
      await group(sara).getByText(text).waitFor();
      await group(reza).getByText(text).waitFor();
    }
    await expectNoSeriousA11yViolations(planner, 'live board, facilitator');

    await planner.getByRole('button', { name: 'بستن تابلو' }).click();
    await sara.getByTestId('board-status').getByText('بسته').waitFor();
    await reza.getByTestId('board-status').getByText('بسته').waitFor();

    // Attended minutes are whole minutes: the session ends at least a minute after the check-ins.
    await planner.waitForTimeout(Math.max(0, checkedInAt + 61_000 - Date.now()));
    await openSession(planner, planId, topic);
    await planner.getByRole('button', { name: 'پایان جلسه' }).click();
    await planner.getByText(/پایان‌یافته/).first().waitFor();
  });

  it('shows the person-hours and the statements on the dashboard, and the session in the stakeholders’ history', async () => {
    await planner.goto(`/${SLUG}/manage/plans/${planId}/sessions/dashboard`);
    await planner.getByRole('heading', { level: 1, name: 'داشبورد جلسات هم‌اندیشی' }).waitFor();
    const hours = toAsciiDigits((await planner.getByTestId('dashboard-person-hours').textContent()) ?? '').replace('٫', '.');
    expect(Number(hours)).toBeGreaterThan(0);
    expect(Number(toAsciiDigits((await planner.getByTestId('dashboard-statements').textContent()) ?? ''))).toBeGreaterThanOrEqual(2);
    await planner.getByRole('table').filter({ hasText: topic }).waitFor();
    await planner.locator('section').filter({ has: planner.getByRole('heading', { name: 'گزاره‌ها و موضوعاتشان' }) }).getByRole('table').waitFor();
    await expectNoSeriousA11yViolations(planner, 'sessions dashboard after the journey');

    // The registry now counts both stakeholders as heard from in the session's stage.
    // (The search is by similarity: earlier runs' stakeholders come back too.)
    const found = (await (await planner.request.get(`/api/orgs/${SLUG}/stakeholders?q=${encodeURIComponent(ngo)}`)).json()) as { items: { id: string; name: string }[] };
    const stakeholder = found.items.find((s) => s.name === ngo)!;
    const history = (await (await planner.request.get(`/api/orgs/${SLUG}/stakeholders/${stakeholder.id}/engagement`)).json()) as {
      items: { source: string; itemId: string }[];
    };
    expect(history.items).toContainEqual(expect.objectContaining({ source: 'session', itemId: sessionId }));
  });
});
