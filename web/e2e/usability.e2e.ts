import type { Browser, Page } from 'playwright-core';
import type { TActivity, TPlan, TPlanSummary } from '@hamandishi/contracts';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, signUpCitizen, SLUG } from './support/accounts';

const PLANNER = 'planner@demo.hamandishi.ir';

// A table wider than any phone: eight columns of long Persian cells.
const WIDE_ROWS = [
  Array.from({ length: 8 }, (_, i) => `ستون شمارهٔ ${i + 1} با عنوانی بلند`),
  Array.from({ length: 8 }, (_, i) => `مقدار ${i + 1}: ۱۲۳٬۴۵۶٬۷۸۹ ریال برای نوسازی پیاده‌راه‌ها`),
];
const LONG_WORD = 'https://isfahan.ir/plans/strategic-operational-plan-1405-1414/recognition-report/annex-3';

async function csrfOf(page: Page): Promise<string> {
  return (await page.context().cookies()).find((c) => c.name === 'hm_csrf')?.value ?? '';
}

/** A fresh consultation in the demo plan's open stage, with editions 1 and 2 published and a draft 3. */
async function consultationWithEditions(page: Page): Promise<string> {
  const plans = (await (await page.request.get(`/api/orgs/${SLUG}/plans`)).json()) as TPlanSummary[];
  for (const summary of plans) {
    const plan = (await (await page.request.get(`/api/orgs/${SLUG}/plans/${summary.id}`)).json()) as TPlan;
    const stage = plan.stages.find((s) => s.status === 'open' && s.activities.some((a) => a.type === 'consultation'));
    if (!stage) continue;
    const headers = { 'x-csrf-token': await csrfOf(page) };
    const created = await page.request.post(`/api/orgs/${SLUG}/stages/${stage.id}/activities`, {
      headers,
      data: { type: 'consultation', title: { fa: `نظرخواهی جدول‌دار ${Date.now()}` } },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as TActivity;
    const base = `/api/orgs/${SLUG}/consultations/${id}`;
    const edition = async (title: string, paragraph: string, publish: boolean, lastCell = 'پایان') => {
      const draft = await page.request.post(`${base}/editions`, {
        headers,
        data: {
          title,
          blocks: [
            { kind: 'heading', level: 1, text: 'بودجهٔ نوسازی' },
            { kind: 'paragraph', text: paragraph },
            { kind: 'table', rows: [...WIDE_ROWS, [lastCell, ...WIDE_ROWS[0]!.slice(1)]] },
          ],
        },
      });
      expect(draft.status()).toBe(201);
      const { number } = (await draft.json()) as { number: number };
      if (publish)
        expect((await page.request.post(`${base}/editions/${number}/publish`, { headers })).status()).toBe(200);
    };
    // Real edition titles are long: the edition pickers must not widen the page.
    const long = 'گزارش مرحلهٔ شناخت با اصلاحات کمیتهٔ برنامه‌ریزی شهری و پیشنهادهای شهروندان';
    await edition(`${long}، ویراست نخست`, `پیاده‌راه‌ها نوسازی می‌شوند. پیوست: ${LONG_WORD}`, true);
    await edition(
      `${long}، ویراست دوم`,
      `پیاده‌راه‌ها و میدان‌ها نوسازی می‌شوند. پیوست: ${LONG_WORD}/v2`,
      true,
      'پایان تازه',
    );
    await edition(`${long}، ویراست سوم`, 'پیش‌نویس', false);
    return id;
  }
  throw new Error('no open stage with a consultation in the demo plan');
}

/** Whether the page itself scrolls sideways (wide content must scroll inside its own box). */
async function pageOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const culprits = Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((e) => {
        const box = e.getBoundingClientRect();
        if (box.width === 0) return false;
        // Skip what sits inside a sideways-scrolling container: that is where wide content belongs.
        for (let p = e.parentElement; p; p = p.parentElement) {
          const o = getComputedStyle(p).overflowX;
          if (o === 'auto' || o === 'scroll' || o === 'hidden') return false;
        }
        return box.right > root.clientWidth + 1 || box.left < -1;
      })
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits };
  });
}

describe('usability on a 390 px phone and from the keyboard', () => {
  let browser: Browser;
  let planner: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    planner = await newPage(browser);
    await signInWithEmail(planner, PLANNER);
  });
  afterAll(async () => {
    await browser.close();
  });

  it('keeps the diff page and the edition editor within a 390 px screen: wide tables scroll in their own box', async () => {
    const activityId = await consultationWithEditions(planner);
    expect(planner.viewportSize()?.width).toBe(390);

    await planner.goto(`/${SLUG}/consultations/${activityId}/diff?from=1&to=2`);
    await planner.getByText('میدان‌ها').first().waitFor();
    expect(await pageOverflow(planner)).toMatchObject({ scrollWidth: 390, culprits: [] });

    await planner.goto(`/${SLUG}/consultations/${activityId}`);
    await planner.locator('.c-block__table').first().waitFor();
    expect(await pageOverflow(planner)).toMatchObject({ scrollWidth: 390, culprits: [] });

    await planner.goto(`/${SLUG}/manage/consultations/${activityId}`);
    await planner.locator('.c-editor__table').first().waitFor();
    expect(await pageOverflow(planner)).toMatchObject({ scrollWidth: 390, culprits: [] });
    // Numbered lists (status histories…) count in Persian digits, not 1. 2. 3.
    const marker = await planner.evaluate(() => {
      const list = document.body.appendChild(document.createElement('ol'));
      const style = getComputedStyle(list).listStyleType;
      list.remove();
      return style;
    });
    expect(marker).toBe('persian');
    // The table still scrolls sideways, inside its own container.
    const wrap = planner.locator('.c-editor__table').first().locator('xpath=..');
    expect(await wrap.evaluate((e) => e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX === 'auto')).toBe(
      true,
    );
  });

  it('places a problem from the keyboard: focus the map, arrows move it under the crosshair, Enter places the point', async () => {
    const citizen = await newPage(browser);
    await signUpCitizen(citizen, 'شهروند صفحه‌کلید');
    await citizen.goto(`/${SLUG}/problems/new`);
    await citizen.getByRole('heading', { level: 1, name: 'گزارش یک مسئله' }).waitFor();
    await citizen.getByRole('textbox', { name: 'عنوان' }).fill(`چراغ خاموش کوچه ${Date.now()}`);
    await citizen.getByRole('textbox', { name: 'شرح مسئله' }).fill('چراغ‌های کوچه چند شب است خاموش مانده‌اند.');
    await citizen.getByRole('combobox', { name: 'موضوع' }).click();
    await citizen.getByRole('option').first().click();
    const map = citizen.locator('.problem-map--picker .leaflet-container');
    await map.waitFor();
    await expect(map.getAttribute('aria-describedby')).resolves.toBeTruthy();
    await map.focus();
    await citizen.locator('.problem-map__crosshair').waitFor();
    const before = await citizen.evaluate(() => document.querySelector('.leaflet-map-pane')?.getAttribute('style'));
    await citizen.keyboard.press('ArrowUp');
    await citizen.keyboard.press('ArrowRight');
    await citizen.waitForFunction(
      (style) => document.querySelector('.leaflet-map-pane')?.getAttribute('style') !== style,
      before,
    );
    await citizen.keyboard.press('Enter');
    await citizen.getByText('مکان انتخاب شد.').waitFor();
    await citizen.getByRole('status').filter({ hasText: 'مکان در مرکز نقشه انتخاب شد.' }).waitFor();
    // The pin sits under the crosshair, at the centre of the map.
    const [pin, box] = await Promise.all([citizen.locator('.location-pin').boundingBox(), map.boundingBox()]);
    expect(Math.abs(pin!.x + pin!.width / 2 - (box!.x + box!.width / 2))).toBeLessThan(3);
    expect(Math.abs(pin!.y + pin!.height - (box!.y + box!.height / 2))).toBeLessThan(3);
    // Leaflet's controls speak Persian, and the "tiles failed" notice (tiles are offline here) reads right to left.
    await expect(citizen.locator('.leaflet-control-zoom-in').getAttribute('title')).resolves.toBe('بزرگ‌نمایی');
    const notice = citizen.locator('.problem-map__notice');
    await notice.waitFor();
    await expect(notice.evaluate((e) => getComputedStyle(e).direction)).resolves.toBe('rtl');
    // The report goes in with the point placed from the keyboard.
    await citizen.getByRole('button', { name: 'ثبت مسئله' }).click();
    await citizen.waitForURL(/\/problems\/[0-9a-f-]{36}$/);
    await citizen.context().close();
  });

  it('lets a keyboard reach the markers of the problems map and open one with Enter', async () => {
    const page = await newPage(browser);
    await page.goto(`/${SLUG}/problems`);
    const marker = page.locator('.leaflet-marker-icon[role="button"]').first();
    await marker.waitFor();
    await marker.focus();
    expect(
      await marker.evaluate((e) => e === document.activeElement && e.tabIndex === 0 && !!e.getAttribute('title')),
    ).toBe(true);
    const isPoint = await marker.evaluate((e) => e.classList.contains('problem-point'));
    const markers = await page.evaluate(() => document.querySelector('.leaflet-marker-pane')?.innerHTML);
    await page.keyboard.press('Enter');
    // A point opens its problem; a cluster zooms in, so other markers take its place.
    if (isPoint) await page.waitForURL(/\/problems\/[0-9a-f-]{36}$/);
    else
      await page.waitForFunction(
        (before) => document.querySelector('.leaflet-marker-pane')?.innerHTML !== before,
        markers,
      );
    await page.context().close();
  });
});
