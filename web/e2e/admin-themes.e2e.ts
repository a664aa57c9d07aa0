import type { Browser, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, SLUG } from './support/accounts';

const ADMIN = 'admin@demo.hamandishi.ir';

/** The row of a theme in the tree, by its slug (shown beside the name). */
function themeRow(page: Page, slug: string) {
  return page.locator('.theme-row').filter({ has: page.locator('code', { hasText: new RegExp(`^${slug}$`) }) });
}

/** Fills the theme dialog (names, slug, icon) and submits it. */
async function fillThemeDialog(page: Page, values: { fa: string; en: string; slug: string; icon: string }, submit: string) {
  const dialog = page.getByRole('dialog');
  const names = dialog.getByRole('group', { name: 'نام' });
  await names.getByRole('textbox', { name: 'فارسی' }).fill(values.fa);
  await names.getByRole('textbox', { name: 'انگلیسی' }).fill(values.en);
  await dialog.getByRole('textbox', { name: 'شناسه' }).fill(values.slug);
  await dialog.getByRole('radio', { name: values.icon, exact: true }).check();
  await dialog.getByRole('button', { name: submit }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('admin: the theme taxonomy (fa, RTL)', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('builds a theme with two sub-themes, merges one into the other, archives the theme; keyboard only for ordering', async () => {
    const stamp = Date.now().toString(36);
    const parent = { fa: `ایمنی شهری ${stamp}`, en: `Urban safety ${stamp}`, slug: `safety-${stamp}`, icon: 'ایمنی' };
    const lights = { fa: `روشنایی کوچه‌ها ${stamp}`, en: `Street lights ${stamp}`, slug: `lights-${stamp}`, icon: 'روشنایی' };
    const cameras = { fa: `دوربین‌های محله ${stamp}`, en: `Cameras ${stamp}`, slug: `cameras-${stamp}`, icon: 'شهر هوشمند' };

    await signInWithEmail(page, ADMIN);
    await page.goto(`/${SLUG}/admin/themes`);
    await page.getByRole('heading', { level: 1, name: 'موضوع‌ها' }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.getByRole('list', { name: 'درخت موضوع‌ها' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'admin themes');

    // A new top-level theme, then two sub-themes under it.
    await page.getByRole('button', { name: 'موضوع تازه', exact: true }).click();
    await page.getByRole('dialog', { name: 'موضوع تازه' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'admin themes: create dialog');
    await fillThemeDialog(page, parent, 'ساختن');
    await themeRow(page, parent.slug).waitFor();

    for (const child of [lights, cameras]) {
      await page.getByRole('button', { name: `زیرموضوع تازه برای «${parent.fa}»` }).click();
      await fillThemeDialog(page, child, 'ساختن');
      await themeRow(page, child.slug).waitFor();
    }
    const children = page.getByRole('list', { name: `زیرموضوع‌های ${parent.fa}` });
    await expect(children.locator('code').allTextContents()).resolves.toEqual([lights.slug, cameras.slug]);

    // Reorder with the keyboard: focus "up" on the second sub-theme and press Enter.
    const up = page.getByRole('button', { name: `جابه‌جایی ${cameras.fa} به بالا` });
    await up.focus();
    await page.keyboard.press('Enter');
    await children.locator('li').first().locator('code', { hasText: cameras.slug }).waitFor();
    expect(await children.locator('code').allTextContents()).toEqual([cameras.slug, lights.slug]);
    expect(await up.evaluate((button) => (button as HTMLButtonElement).disabled)).toBe(true);

    // Merge "street lights" into "cameras": the dialog says what will move.
    await page.getByRole('button', { name: `ادغام ${lights.fa} در موضوعی دیگر` }).click();
    const merge = page.getByRole('dialog', { name: `ادغام «${lights.fa}»` });
    await merge.waitFor();
    await merge.getByText('۰ مسئله، ۰ کمیته، ۰ جهت‌گیری سند بالادستی و ۰ زیرموضوع منتقل می‌شوند.').waitFor();
    await merge.getByRole('combobox', { name: 'موضوع مقصد' }).click();
    await page.getByRole('option', { name: `${parent.fa} › ${cameras.fa}` }).click();
    await expectNoSeriousA11yViolations(page, 'admin themes: merge dialog');
    await merge.getByRole('button', { name: 'ادغام', exact: true }).click();
    await merge.waitFor({ state: 'detached' });
    await themeRow(page, lights.slug).waitFor({ state: 'detached' });
    await expect(children.locator('code').allTextContents()).resolves.toEqual([cameras.slug]);

    // Archive the theme: it and its sub-theme are marked, and can come back.
    await page.getByRole('button', { name: `بایگانی ${parent.fa}` }).click();
    await page.getByRole('button', { name: `خروج ${parent.fa} از بایگانی` }).waitFor();
    await themeRow(page, parent.slug).getByText('بایگانی‌شده').waitFor();
    await themeRow(page, cameras.slug).getByText('بایگانی‌شده').waitFor();
    await expectNoSeriousA11yViolations(page, 'admin themes: archived');

    // A citizen's report form no longer offers it.
    await page.goto(`/${SLUG}/problems/new`);
    await page.getByRole('combobox', { name: 'موضوع' }).click();
    await page.getByRole('option').first().waitFor();
    const offered = await page.getByRole('option').allTextContents();
    expect(offered.some((label) => label.includes(parent.fa))).toBe(false);
    await page.keyboard.press('Escape');

    // The admin's export lists it, archived.
    const csv = await page.request.get(`/api/orgs/${SLUG}/themes/export.csv`);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text).toContain(`${parent.slug},,${parent.fa},,${parent.en},`);
    expect(text).toContain(`${cameras.slug},${parent.slug},${cameras.fa},,${cameras.en},`);
    expect(text).not.toContain(lights.slug);
  });
});
