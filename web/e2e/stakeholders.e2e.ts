import type { Browser, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, SLUG } from './support/accounts';
import { demoPlan, importStakeholdersInUi, stakeholdersCsv, type StakeholderCsvRow } from './support/stakeholders';

const PLANNER = 'planner@demo.hamandishi.ir';

// Names are unique per run: the registry refuses a second stakeholder of the same kind and name.
const run = Date.now().toString(36);
const GOOD: StakeholderCsvRow[] = [
  { name: `سمن هوای پاک ${run}`, kind: 'ngo', relation: 'influential', influence: 4, interest: 5, mandatory: true, contactName: 'مریم احمدی', contactPhone: '09120000001' },
  { name: `دانشگاه صنعتی ${run}`, kind: 'academic', relation: 'relevant', influence: 3, interest: 4, mandatory: false },
  { name: `شورای محله ${run}`, kind: 'citizen_group', relation: 'beneficiary', influence: 2, interest: 5, mandatory: true },
];

describe('stakeholders: a planner imports a CSV, sees the power/interest grid and opens a stakeholder', () => {
  let browser: Browser;
  let planner: Page;
  let planId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    planner = await newPage(browser);
    await signInWithEmail(planner, PLANNER);
    planId = (await demoPlan(planner)).id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the bad row of a file by row and column, saves nothing, then applies the fixed file (Persian, RTL)', async () => {
    await planner.goto(`/${SLUG}/manage/stakeholders?planId=${planId}`);
    await planner.getByRole('heading', { level: 1, name: 'ذی‌نفعان' }).waitFor();
    expect(await planner.locator('html').getAttribute('dir')).toBe('rtl');
    await planner.getByRole('button', { name: 'ورود از فایل' }).click();
    const dialog = planner.getByRole('dialog', { name: 'ورود ذی‌نفعان از CSV یا اکسل' });
    const bad = GOOD.map((r, i) => (i === 1 ? { ...r, influence: 9 } : r));
    await dialog.getByLabel('فایل CSV یا XLSX').setInputFiles(stakeholdersCsv(bad, 'bad.csv'));
    await dialog.getByRole('button', { name: 'بررسی فایل' }).click();
    await dialog.getByText(/۱ مشکل در فایل هست؛ چیزی ذخیره نشد/).waitFor();
    const report = dialog.getByRole('table', { name: 'گزارش بررسی فایل' });
    await report.getByRole('cell', { name: '۳', exact: true }).waitFor();
    await report.getByRole('cell', { name: 'influence' }).waitFor();
    await report.getByRole('cell', { name: 'امتیاز باید عددی از ۱ تا ۵ باشد.' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'اعمال' }).isDisabled()).toBe(true);
    await expectNoSeriousA11yViolations(planner, 'stakeholder import report');
    await dialog.getByRole('button', { name: 'بستن' }).click();
    // Nothing was saved.
    await planner.getByRole('search').getByLabel('جست‌وجوی نام').fill(run);
    await planner.getByRole('search').getByLabel('جست‌وجوی نام').press('Enter');
    await planner.getByText('ذی‌نفعی با این شرایط نیست.').waitFor();

    await importStakeholdersInUi(planner, GOOD, planId);
    await planner.goto(`/${SLUG}/manage/stakeholders?planId=${planId}&q=${encodeURIComponent(run)}`);
    for (const row of GOOD) await planner.getByRole('link', { name: row.name }).waitFor();
    await expectNoSeriousA11yViolations(planner, 'stakeholder list');
  });

  it('draws the power/interest grid and opens a stakeholder from it (Persian, then English), with axe', async () => {
    await planner.goto(`/${SLUG}/manage/stakeholders?planId=${planId}&tab=grid`);
    const grid = planner.getByTestId('power-interest-grid');
    await grid.locator('svg').first().waitFor();
    await planner.getByText('از نزدیک مدیریت کنید').first().waitFor();
    await expectNoSeriousA11yViolations(planner, 'power/interest grid');

    // A click on a point opens that stakeholder. The first point of a cell sits on its centre;
    // in Persian the interest axis runs right to left (grid: 48px each side, 16 top, 48 bottom).
    await grid.scrollIntoViewIfNeeded();
    const box = (await grid.boundingBox())!;
    const [interest, influence] = [5, 4];
    const x = 48 + ((5.5 - interest) / 5) * (box.width - 96);
    const y = 16 + ((5.5 - influence) / 5) * (box.height - 64);
    await grid.click({ position: { x, y } });
    await planner.waitForURL(/\/manage\/stakeholders\/[0-9a-f-]{36}$/);
    await planner.getByRole('heading', { name: 'ارزیابی در برنامه‌ها' }).waitFor();
    await planner.goBack();
    await grid.locator('svg').first().waitFor();

    await planner.getByText('همین نقطه‌ها به صورت فهرست').click();
    await planner.getByRole('link', { name: GOOD[0].name }).click();
    await planner.getByRole('heading', { level: 1, name: GOOD[0].name }).waitFor();
    await planner.getByRole('heading', { name: 'ارزیابی در برنامه‌ها' }).waitFor();
    await planner.getByRole('cell', { name: 'مریم احمدی' }).waitFor();
    expect(await planner.locator('html').getAttribute('dir')).toBe('rtl');
    await expectNoSeriousA11yViolations(planner, 'stakeholder profile (fa)');

    await planner.evaluate(() => window.localStorage.setItem('hm_locale', 'en'));
    await planner.reload();
    await planner.getByRole('heading', { name: 'Assessment in plans' }).waitFor();
    await planner.getByRole('heading', { name: 'Contact people' }).waitFor();
    expect(await planner.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    await expectNoSeriousA11yViolations(planner, 'stakeholder profile (en)');
    await planner.evaluate(() => window.localStorage.setItem('hm_locale', 'fa'));
  });
});
