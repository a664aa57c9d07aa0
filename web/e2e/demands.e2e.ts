import type { Browser, Page } from 'playwright-core';
import type { TDemandClassifierState, TOrganization, TPlan } from '@hamandishi/contracts';
import { jalaliYear, normalizeForSearch } from '@hamandishi/text';
import { buildCorpus } from '../../api/bench/demands-corpus';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, SLUG } from './support/accounts';
import { csrfOf } from './support/surveys';

const PLANNER = 'planner@demo.hamandishi.ir';
const api = (rest: string) => `/api/orgs/${SLUG}${rest}`;

/** A CSV of corpus demands: the first two corpus themes mapped onto the municipality's first two themes. */
function corpusCsv(themeSlugs: [string, string], tagged: boolean, count: number, seed: number): string {
  const corpus = buildCorpus(count, seed, { themes: 2, multiShare: 0 });
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const rows = corpus.map((d, i) => [quote(d.text), tagged ? themeSlugs[d.themes[0] === 'traffic' ? 0 : 1] : '', i % 2 ? 'citizen' : 'ngo'].join(','));
  return ['text,themes,capacity', ...rows].join('\n');
}

// A planner filters the demands of a plan, tags a few (bulk and by keyboard) and accepts a
// suggested theme, in Persian (RTL) and in English. The demands are imported into a plan of their
// own, and the tags are removed at the end (the classifier is trained again on nothing), so the
// suggested-themes page still starts with "not enough tagged demands yet".
describe('demands hub: a planner filters, tags and accepts a suggestion', () => {
  let browser: Browser;
  let planner: Page;
  let planId: string;
  let org: TOrganization;

  async function post(path: string, data: unknown, contentType?: string) {
    const headers: Record<string, string> = { 'x-csrf-token': await csrfOf(planner) };
    if (contentType) headers['content-type'] = contentType;
    return planner.request.post(api(path), contentType ? { headers, data: data as string } : { headers, data });
  }

  async function classifier(): Promise<TDemandClassifierState> {
    return (await (await planner.request.get(api('/demands/classifier'))).json()) as TDemandClassifierState;
  }

  async function waitForModel(status: string, ms: number) {
    const end = Date.now() + ms;
    for (;;) {
      const state = await classifier();
      if (!state.isTraining && state.model?.status === status) return state;
      if (Date.now() > end) throw new Error(`classifier not ${status}: ${JSON.stringify(state)}`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    planner = await newPage(browser);
    await signInWithEmail(planner, PLANNER);
    org = (await (await planner.request.get(api(''))).json()) as TOrganization;
    const y = jalaliYear(new Date(), 'Asia/Tehran');
    const created = await post('/plans', {
      title: { fa: `برنامه مطالبات ${Date.now().toString(36)}`, en: 'Demands plan' },
      kind: 'strategic_operational',
      strategicHorizon: { from: y - 1, to: y + 8 },
      operationalHorizon: { from: y - 1, to: y + 3 },
    });
    expect(created.status()).toBe(201);
    planId = ((await created.json()) as TPlan).id;
    const themes = org.themes.filter((t) => !t.isArchived && t.parentId === null).slice(0, 2).map((t) => t.slug) as [string, string];
    const tagged = await post(`/demands/import?planId=${planId}&meeting=${encodeURIComponent('جلسه محله')}`, corpusCsv(themes, true, 60, 5), 'text/csv');
    expect(await tagged.json()).toMatchObject({ applied: true, created: 60 });
    const untagged = await post(`/demands/import?planId=${planId}&meeting=${encodeURIComponent('جلسه محله')}`, corpusCsv(themes, false, 6, 77), 'text/csv');
    expect(await untagged.json()).toMatchObject({ applied: true, created: 6 });
    // Tags grew: a training is queued (debounced by a minute); wait for its model.
    await waitForModel('ready', 150_000);
  }, 240_000);

  afterAll(async () => {
    if (planId) {
      const themeIds = org.themes.map((t) => t.id).slice(0, 20);
      await post('/demands/bulk-tag', { filter: { planId }, removeThemeIds: themeIds });
      await post('/demands/classifier/train', {});
      await waitForModel('too_little_data', 60_000).catch(() => undefined);
    }
    await browser?.close();
  }, 120_000);

  it('in Persian: filters by text, tags by bulk and by key, accepts a suggested theme with one key', async () => {
    await planner.goto(`/${SLUG}/manage/demands?planId=${planId}`);
    await planner.getByRole('heading', { level: 1, name: 'مطالبات ذی‌نفعان' }).waitFor();
    expect(await planner.locator('html').getAttribute('dir')).toBe('rtl');
    await planner.getByTestId('demand-row').first().waitFor();
    await expectNoSeriousA11yViolations(planner, 'demands hub, table');

    // Untagged only: the six imported without themes.
    await planner.getByRole('combobox', { name: /^برچسب/ }).selectOption('true');
    await expect_count(planner, 6);

    // Bulk: select two rows and give them the second theme.
    const second = org.themes.filter((t) => !t.isArchived && t.parentId === null)[1];
    await planner.getByRole('checkbox', { name: 'انتخاب این مطالبه' }).nth(0).check();
    await planner.getByRole('checkbox', { name: 'انتخاب این مطالبه' }).nth(1).check();
    await planner.getByRole('combobox', { name: /^موضوع برای افزودن/ }).selectOption(second.id);
    await planner.getByRole('button', { name: /برچسب به ۲ مورد انتخاب‌شده/ }).click();
    await expect_count(planner, 4);

    // Keyboard: K moves up to the first row, S gives the active row the kind "suggestion".
    await planner.getByTestId('demands-rows').focus();
    for (let i = 0; i < 3; i++) await planner.keyboard.press('KeyK');
    expect(await planner.getByTestId('demand-row').first().getAttribute('aria-current')).toBe('true');
    await planner.keyboard.press('KeyS');
    await expectText(planner.getByTestId('demand-row').first().locator('td').nth(3), 'پیشنهاد');

    // The active untagged row shows its suggested themes (J moves to the next row until one has
    // some: the classifier suggests only above its confidence threshold); A accepts the first.
    const chips = planner.getByRole('list', { name: 'موضوع‌های پیشنهادی' }).first();
    for (let i = 0; ; i++) {
      const isShown = await chips.waitFor({ timeout: 8_000 }).then(() => true, () => false);
      if (isShown) break;
      if (i >= 3) throw new Error('no untagged demand with a suggested theme');
      await planner.getByTestId('demands-rows').focus();
      await planner.keyboard.press('KeyJ');
    }
    await chips.focus();
    await planner.keyboard.press('KeyA');
    await expect_count(planner, 3);
    await expectNoSeriousA11yViolations(planner, 'demands hub, after tagging');

    // Search: Persian-normalised free text.
    await planner.getByRole('combobox', { name: /^برچسب/ }).selectOption('');
    const word = (await planner.getByTestId('demand-row').first().locator('td').nth(1).locator('p').first().innerText()).split(/\s+/)[0];
    await planner.getByLabel('جست‌وجو در متن').fill(word);
    await planner.getByRole('button', { name: 'جست‌وجو', exact: true }).click();
    await planner.waitForURL(/q=/);
    // The table keeps showing the previous rows until the search answers: wait until every row
    // shown holds the word (and at least one is shown).
    const key = normalizeForSearch(word);
    const rowTexts = () => planner.getByTestId('demand-row').locator('td:nth-child(2) p:first-child').allInnerTexts();
    const holdsWord = (texts: string[]) => texts.length > 0 && texts.every((text) => normalizeForSearch(text).includes(key));
    for (const deadline = Date.now() + 15_000; !holdsWord(await rowTexts()) && Date.now() < deadline; ) {
      await planner.waitForTimeout(200);
    }
    for (const text of await rowTexts()) expect(normalizeForSearch(text)).toContain(key);
    expect((await rowTexts()).length).toBeGreaterThan(0);
  });

  it('in English, left to right: the matrix opens the table of its cell', async () => {
    await planner.evaluate(() => window.localStorage.setItem('hm_locale', 'en'));
    try {
      await planner.goto(`/${SLUG}/manage/demands?planId=${planId}`);
      await planner.getByRole('heading', { level: 1, name: 'Stakeholder demands' }).waitFor();
      expect(await planner.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
      await planner.getByRole('tab', { name: 'Matrices' }).click();
      await planner.getByTestId('demands-matrix').waitFor();
      await expectNoSeriousA11yViolations(planner, 'demands hub, matrix (en)');
      const cell = planner.getByTestId('demands-matrix').getByRole('button').first();
      const count = Number(await cell.innerText());
      await cell.click();
      await planner.getByRole('tab', { name: 'Table', selected: true }).waitFor();
      await planner.waitForURL(/themeIds=/);
      await expect_count(planner, Math.min(count, 50));
      await planner.getByRole('tab', { name: 'Participation' }).click();
      await planner.getByTestId('demands-participation').waitFor();
    } finally {
      await planner.evaluate(() => window.localStorage.setItem('hm_locale', 'fa'));
    }
  });
});

/** Waits until the table shows `n` rows. */
async function expect_count(page: Page, n: number) {
  const end = Date.now() + 15_000;
  for (;;) {
    const count = await page.getByTestId('demand-row').count();
    if (count === n) return;
    if (Date.now() > end) throw new Error(`expected ${n} rows, saw ${count}`);
    await page.waitForTimeout(250);
  }
}

/** Waits until the element's text is `text` (and says what it was otherwise). */
async function expectText(locator: ReturnType<Page['locator']>, text: string) {
  const end = Date.now() + 15_000;
  for (;;) {
    const seen = (await locator.innerText().catch(() => '')).trim();
    if (seen === text) return;
    if (Date.now() > end) throw new Error(`expected "${text}", saw "${seen}"`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
