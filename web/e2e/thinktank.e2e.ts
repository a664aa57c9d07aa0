import type { Browser, Page } from 'playwright-core';
import { toAsciiDigits } from '@hamandishi/text';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, SLUG } from './support/accounts';
import { inviteMember, openSession, planWithStage, rsvpPathSentTo, scheduleSession, signUpParticipant, tickAttendance } from './support/thinktank';

const PLANNER = 'planner@demo.hamandishi.ir';

describe('think-tank sessions: a planner schedules and invites, a participant answers, attendance becomes person-hours', () => {
  let browser: Browser;
  let planner: Page;
  let participant: Page;
  let planId: string;
  const suffix = Date.now().toString(36);
  const topic = `حمل و نقل عمومی ${suffix}`;
  const name = `خبره شهری ${suffix}`;

  beforeAll(async () => {
    browser = await launchBrowser();
    planner = await newPage(browser);
    participant = await newPage(browser);
    await signInWithEmail(planner, PLANNER);
    planId = (await planWithStage(planner)).id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('schedules a session from the plan page (Persian, RTL) and invites a member', async () => {
    await planner.goto(`/${SLUG}/manage/plans/${planId}`);
    await planner.getByRole('link', { name: 'جلسات هم‌اندیشی' }).click();
    await planner.getByRole('heading', { level: 1, name: /جلسات هم‌اندیشی/ }).waitFor();
    expect(await planner.locator('html').getAttribute('dir')).toBe('rtl');
    // The session runs now: it began ten minutes ago and lasts another hour.
    await scheduleSession(planner, planId, topic, -10, 60);
    await expectNoSeriousA11yViolations(planner, 'think-tank sessions list');

    const mobile = await signUpParticipant(participant, name);
    await openSession(planner, planId, topic);
    await inviteMember(planner, name);
    await planner.getByTestId('invitation-row').filter({ hasText: name }).getByText('هنوز پاسخ نداده').waitFor();
    await expectNoSeriousA11yViolations(planner, 'think-tank session management');

    // The participant opens the personal link from the SMS and says yes.
    await participant.goto(await rsvpPathSentTo(participant, mobile));
    await participant.getByRole('heading', { level: 1, name: topic }).waitFor();
    await participant.getByText('در جلسه شرکت می‌کنید؟').waitFor();
    await participant.getByRole('button', { name: 'می‌آیم' }).click();
    await participant.getByText('حضورتان ثبت شد. سپاس!').waitFor();
    await expectNoSeriousA11yViolations(participant, 'session page with an RSVP link');

    await planner.reload();
    await planner.getByTestId('invitation-row').filter({ hasText: name }).getByText(/— می‌آید$/).waitFor();
  });

  it('checks the participant in and out, and the dashboard shows their person-hours', async () => {
    await tickAttendance(planner, name, 'in');
    const checkedInAt = Date.now();
    // The door's QR code is there for the facilitator to show.
    await planner.getByRole('button', { name: 'نمایش کد QR' }).click();
    await planner.getByRole('img', { name: 'کد QR ثبت ورود به این جلسه' }).locator('svg').waitFor();

    // The participant sees that they are in.
    await participant.reload();
    await participant.getByText(/ورود شما در .* ثبت شد/).waitFor();

    // Attended minutes are whole minutes: let one pass before they leave.
    await planner.waitForTimeout(Math.max(0, checkedInAt + 61_000 - Date.now()));
    await tickAttendance(planner, name, 'out');
    const total = toAsciiDigits((await planner.getByTestId('attendance-person-hours').textContent()) ?? '');
    expect(Number(/[\d.٫]+/.exec(total)?.[0].replace('٫', '.'))).toBeGreaterThan(0);

    await planner.goto(`/${SLUG}/manage/plans/${planId}/sessions/dashboard`);
    await planner.getByRole('heading', { level: 1, name: 'داشبورد جلسات هم‌اندیشی' }).waitFor();
    const hours = toAsciiDigits((await planner.getByTestId('dashboard-person-hours').textContent()) ?? '').replace('٫', '.');
    expect(Number(hours)).toBeGreaterThan(0);
    await planner.getByRole('table').filter({ hasText: topic }).waitFor();
    await expectNoSeriousA11yViolations(planner, 'sessions dashboard (fa)');
  });

  it('shows the dashboard left to right in English, with its exports', async () => {
    await planner.evaluate(() => window.localStorage.setItem('hm_locale', 'en'));
    await planner.reload();
    await planner.getByRole('heading', { level: 1, name: 'Think-tank sessions dashboard' }).waitFor();
    expect(await planner.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    expect(Number(await planner.getByTestId('dashboard-person-hours').textContent())).toBeGreaterThan(0);
    const csv = await planner.request.get(`/api/orgs/${SLUG}/plans/${planId}/thinktank/dashboard.csv?lang=en`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(topic);
    await expectNoSeriousA11yViolations(planner, 'sessions dashboard (en)');
    await planner.evaluate(() => window.localStorage.setItem('hm_locale', 'fa'));
  });
});
