import type { Page } from 'playwright-core';
import type { TPlan, TPlanSummary } from '@hamandishi/contracts';
import { toJalali, toPersianDigits } from '@hamandishi/text';
import { randomMobile, SLUG } from './accounts';
import { readOutbox, waitForCode } from './outbox';

const TEHRAN_OFFSET_MS = 3.5 * 3600_000;

/** A demo plan that has at least one stage (sessions belong to a stage); the page is a planner's. */
export async function planWithStage(page: Page): Promise<TPlan> {
  const plans = (await (await page.request.get(`/api/orgs/${SLUG}/plans`)).json()) as TPlanSummary[];
  for (const summary of plans) {
    const plan = (await (await page.request.get(`/api/orgs/${SLUG}/plans/${summary.id}`)).json()) as TPlan;
    if (plan.stages.length > 0 && plan.status !== 'closed') return plan;
  }
  throw new Error('no demo plan with a stage');
}

/** Tehran's wall-clock day and HH:MM `minutes` from now, kept inside today (a session does not cross midnight). */
function tehranClock(minutes: number): { date: Date; time: string } {
  const now = new Date(Date.now() + TEHRAN_OFFSET_MS);
  const startOfDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const at = Math.min(Math.max(now.getTime() + minutes * 60_000, startOfDay), startOfDay + (23 * 60 + 59) * 60_000);
  const shifted = new Date(at);
  return { date: new Date(startOfDay), time: shifted.toISOString().slice(11, 16) };
}

/**
 * Schedules a session from the sessions page of `planId` through its form (Persian UI): today on
 * the Jalali date field, from `fromMinutes` to `toMinutes` around now on Tehran's clock.
 */
export async function scheduleSession(page: Page, planId: string, topic: string, fromMinutes: number, toMinutes: number, place = 'تالار شهر'): Promise<void> {
  await page.goto(`/${SLUG}/manage/plans/${planId}/sessions`);
  const form = page.locator('section').filter({ has: page.getByRole('heading', { name: 'برنامه‌ریزی جلسه تازه' }) });
  await form.getByRole('textbox', { name: 'موضوع (نقطه تمرکز)' }).fill(topic);
  await form.getByRole('textbox', { name: 'دستور جلسه' }).fill('۱. معرفی\n۲. گفت‌وگو\n۳. جمع‌بندی');
  await form.getByRole('textbox', { name: 'مکان' }).fill(place);
  const start = tehranClock(fromMinutes);
  const { year, month, day } = toJalali(start.date);
  const dayField = form.getByRole('group', { name: 'روز' });
  await dayField.getByRole('textbox', { name: 'روز' }).fill(toPersianDigits(String(day)));
  await dayField.getByRole('combobox', { name: 'ماه' }).selectOption(String(month));
  await dayField.getByRole('textbox', { name: 'سال' }).fill(toPersianDigits(String(year)));
  await form.getByRole('textbox', { name: 'ساعت شروع' }).fill(toPersianDigits(start.time));
  await form.getByRole('textbox', { name: 'ساعت پایان' }).fill(toPersianDigits(tehranClock(toMinutes).time));
  await form.getByRole('button', { name: 'ثبت جلسه' }).click();
  await page.getByRole('link', { name: topic }).waitFor();
}

/** Opens a session's management page from the plan's session list. */
export async function openSession(page: Page, planId: string, topic: string): Promise<void> {
  await page.goto(`/${SLUG}/manage/plans/${planId}/sessions`);
  await page.getByRole('link', { name: topic }).click();
  await page.getByRole('heading', { level: 1, name: topic }).waitFor();
}

/** On a session's management page: finds a member by name and sends them an invitation. */
export async function inviteMember(page: Page, displayName: string): Promise<void> {
  const section = page.locator('section').filter({ has: page.getByRole('heading', { name: 'دعوت‌ها' }) });
  await section.getByRole('textbox', { name: 'دعوت یک عضو' }).fill(displayName);
  await section.getByRole('button', { name: `انتخاب ${displayName}` }).click();
  await section.getByRole('button', { name: 'فرستادن دعوت‌ها' }).click();
  await section.getByTestId('invitation-row').filter({ hasText: displayName }).waitFor();
}

/** The personal RSVP path (`/<slug>/sessions/<id>?rsvp=<token>`) last sent to `mobile` (E.164). */
export async function rsvpPathSentTo(page: Page, mobile: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    for (const message of await readOutbox(page.request, mobile)) {
      const match = /\/[a-z0-9-]+\/sessions\/[0-9a-f-]{36}\?rsvp=[A-Za-z0-9_-]{43}/.exec(message.body);
      if (match) return match[0];
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no session invitation sent to ${mobile}`);
}

/** Signs a new member up with a mobile code (Persian UI); returns the mobile as stored. */
export async function signUpParticipant(page: Page, displayName: string): Promise<string> {
  const mobile = randomMobile();
  await page.goto(`/${SLUG}/sign-up`);
  await page.getByRole('textbox', { name: 'شماره همراه' }).fill(mobile.local);
  await page.getByLabel('نام نمایشی').fill(displayName);
  await page.getByRole('button', { name: 'دریافت کد' }).click();
  const { code } = await waitForCode(page.request, mobile.e164, 0);
  await page.getByLabel('کد یکبار مصرف').fill(code);
  await page.getByRole('button', { name: 'تأیید و ثبت‌نام' }).click();
  await page.waitForURL(`**/${SLUG}`);
  return mobile.e164;
}

/** On a session's management page: the facilitator ticks a person present, or records that they left. */
export async function tickAttendance(page: Page, displayName: string, action: 'in' | 'out'): Promise<void> {
  const row = page.getByTestId('attendee-row').filter({ hasText: displayName });
  const checkIn = row.getByRole('button', { name: `ثبت ورود ${displayName}` });
  const checkOut = row.getByRole('button', { name: `ثبت خروج ${displayName}` });
  if (action === 'in') {
    await checkIn.click();
    await checkOut.waitFor();
  } else {
    await checkOut.click();
    await checkOut.waitFor({ state: 'detached' });
  }
}
