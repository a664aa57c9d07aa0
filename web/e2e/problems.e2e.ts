import type { Browser, Page } from 'playwright-core';
import { toAsciiDigits } from '@hamandishi/text';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, signUpCitizen, SLUG } from './support/accounts';

const MODERATOR = 'moderator@demo.hamandishi.ir';
const PLANNER = 'planner@demo.hamandishi.ir';
// A valid 1×1 PNG: enough for the server to sniff, re-encode and thumbnail.
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The report form up to the submit button: title, description, a theme, a point on the map. */
async function fillReport(page: Page, title: string): Promise<void> {
  await page.goto(`/${SLUG}/problems/new`);
  await page.getByRole('heading', { level: 1, name: 'گزارش یک مسئله' }).waitFor();
  await page.getByRole('textbox', { name: 'عنوان' }).fill(title);
  await page
    .getByRole('textbox', { name: 'شرح مسئله' })
    .fill('آسفالت پیاده‌رو کنار ایستگاه اتوبوس شکسته و عابران زمین می‌خورند.');
  await page.getByRole('combobox', { name: 'موضوع' }).click();
  await page.getByRole('option').first().click();
  // Tiles may not load in the test network; the map still takes clicks.
  const map = page.locator('.problem-map--picker .leaflet-container');
  await map.waitFor();
  await map.click({ position: { x: 160, y: 140 } });
  await page.getByText('مکان انتخاب شد.').waitFor();
}

/** The support count shown on a problem page, as a number. */
async function supportCount(page: Page): Promise<number> {
  const text = await page.getByTestId('support-count').textContent();
  return Number(/\d+/.exec(toAsciiDigits(text ?? ''))?.[0] ?? NaN);
}

describe('problems: citizens report and support problems on the map; staff merge and move them', () => {
  let browser: Browser;
  let citizen: Page;
  let neighbour: Page;
  let moderator: Page;
  let planner: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    // Each page has its own browser context (own cookies, own socket).
    citizen = await newPage(browser);
    neighbour = await newPage(browser);
    moderator = await newPage(browser);
    planner = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('reports with a photo, suggests the duplicate, counts support and comments live, changes the status, merges', async () => {
    const stamp = Date.now().toString(36);
    const title = `پیاده‌روی شکسته خیابان چهارباغ ${stamp}`;

    // A citizen signs up and sees the map of problems, in Persian, right to left.
    await signUpCitizen(citizen, 'مریم شهروند');
    await citizen.goto(`/${SLUG}/problems`);
    await citizen.getByRole('heading', { level: 1, name: 'مسائل شهر' }).waitFor();
    expect(await citizen.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'fa',
      'rtl',
    ]);
    await citizen.locator('.problem-map .leaflet-container').waitFor();
    await citizen.getByRole('heading', { level: 2, name: 'فهرست مسائل' }).waitFor();
    await expectNoSeriousA11yViolations(citizen, `/${SLUG}/problems`);

    // … reports a problem by clicking the map and attaching a photo.
    await fillReport(citizen, title);
    await citizen
      .locator('input[type="file"]')
      .setInputFiles({ name: 'pothole.png', mimeType: 'image/png', buffer: TINY_PNG });
    await citizen.getByRole('img', { name: 'عکس ۱' }).waitFor();
    await expectNoSeriousA11yViolations(citizen, `/${SLUG}/problems/new`);
    await citizen.getByRole('button', { name: 'ثبت مسئله' }).click();
    await citizen.waitForURL(new RegExp(`/${SLUG}/problems/${UUID}$`));
    const keptId = citizen.url().split('/').pop() as string;
    await citizen.getByRole('heading', { level: 1, name: title }).waitFor();
    await citizen.getByText('ثبت‌شده', { exact: true }).first().waitFor();
    await citizen.getByRole('link', { name: /عکس ۱/ }).waitFor();
    await expectNoSeriousA11yViolations(citizen, `/${SLUG}/problems/:problemId`);

    // Starting a second report with the same title at the same point suggests the first one.
    await fillReport(citizen, title);
    const similar = citizen.getByRole('region', { name: 'مسائل مشابه در این نزدیکی' });
    await similar.getByRole('link', { name: title }).first().waitFor({ timeout: 15_000 });
    // It is filed anyway, so a moderator has a duplicate to merge.
    await citizen.getByRole('button', { name: 'ثبت مسئله' }).click();
    await citizen.waitForURL(
      (url) => new RegExp(`/${SLUG}/problems/${UUID}$`).test(url.pathname) && !url.pathname.endsWith(keptId),
    );
    const duplicateId = citizen.url().split('/').pop() as string;

    // A neighbour supports the first problem; the citizen, watching it, sees the count change live.
    await citizen.goto(`/${SLUG}/problems/${keptId}`);
    await citizen.getByRole('heading', { level: 1, name: title }).waitFor();
    const before = await supportCount(citizen);
    await signUpCitizen(neighbour, 'علی همسایه');
    await neighbour.goto(`/${SLUG}/problems/${keptId}`);
    await neighbour.getByRole('button', { name: 'من هم' }).click();
    await neighbour.locator('button[aria-pressed="true"]', { hasText: 'من هم' }).waitFor();
    const expected = `${(before + 1).toLocaleString('fa-IR', { useGrouping: false })} نفر حمایت کرده‌اند`;
    await citizen.getByText(expected).waitFor({ timeout: 20_000 });

    // The neighbour comments, agreeing; the citizen sees it arrive live and replies to it.
    await neighbour
      .getByRole('textbox', { name: 'دیدگاه شما' })
      .fill('من هم هر روز از اینجا رد می‌شوم؛ **خطرناک** است.');
    await neighbour.getByRole('button', { name: 'موافق' }).click();
    await neighbour.getByRole('button', { name: 'ارسال' }).click();
    const comment = citizen.locator('li.comment').filter({ hasText: 'من هم هر روز از اینجا رد می‌شوم' });
    await comment.waitFor({ timeout: 20_000 });
    await comment.locator('strong', { hasText: 'خطرناک' }).waitFor();
    await comment.locator('.chip--agree', { hasText: 'موافق' }).waitFor();
    await comment.getByRole('button', { name: 'پاسخ' }).click();
    await comment.getByRole('textbox', { name: 'پاسخ به علی همسایه' }).fill('ممنون؛ عکس هم گذاشته‌ام.');
    await comment.getByRole('button', { name: 'ارسال' }).click();
    await comment.locator('li.comment[data-depth="1"]', { hasText: 'ممنون؛ عکس هم گذاشته‌ام.' }).waitFor();

    // A planner puts the first problem under review; the citizen sees it on the problem page.
    await signInWithEmail(planner, PLANNER);
    await planner.goto(`/${SLUG}/problems/${keptId}`);
    await planner.getByRole('heading', { level: 2, name: 'تغییر وضعیت' }).waitFor();
    await planner.getByRole('combobox', { name: 'وضعیت تازه' }).click();
    await planner.getByRole('option', { name: 'در حال بررسی' }).click();
    await planner.getByRole('button', { name: 'ثبت وضعیت' }).click();
    await planner.getByText('وضعیت تغییر کرد.').first().waitFor();

    // Live: the citizen's open page refetches on 'problem.updated', no reload needed.
    const history = citizen.getByRole('region', { name: 'روند رسیدگی' });
    await history.getByText('در حال بررسی').waitFor({ timeout: 20_000 });
    for (const date of await history.locator('time').allTextContents())
      expect(date).toMatch(/^۱۴[۰-۹]{2}\/[۰-۹]{2}\/[۰-۹]{2}$/);

    // A moderator finds both reports in the queue, then merges the duplicate into the first.
    await signInWithEmail(moderator, MODERATOR);
    await moderator.getByRole('button', { name: /رضا ناظر/ }).click();
    await moderator.getByRole('menuitem', { name: 'صف نظارت' }).click();
    await moderator.waitForURL(`**/${SLUG}/moderation`);
    await moderator.getByRole('tab', { name: 'مسائل' }).waitFor();
    await moderator.getByRole('link', { name: title }).first().waitFor();
    await expectNoSeriousA11yViolations(moderator, `/${SLUG}/moderation`);
    await moderator.goto(`/${SLUG}/problems/${duplicateId}`);
    await moderator.getByRole('heading', { level: 2, name: 'ناظر' }).waitFor();
    await moderator.getByRole('textbox', { name: 'شناسهٔ مسئلهٔ اصلی' }).fill(keptId);
    await moderator.getByRole('button', { name: 'ادغام', exact: true }).click();
    await moderator.getByText('این مسئله با مسئلهٔ دیگری ادغام شده است.').waitFor();
    await moderator.getByRole('link', { name: 'دیدن مسئلهٔ اصلی' }).click();
    await moderator.waitForURL(`**/problems/${keptId}`);
  });
});
