import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import type { TPlanSummary } from '@hamandishi/contracts';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, SLUG } from './support/accounts';

const PLANNER = 'planner@demo.hamandishi.ir';

/** The demo plan's id (the export page is opened with it, as the demands page links there). */
async function demoPlanId(page: Page): Promise<string> {
  const plans = (await (await page.request.get(`/api/orgs/${SLUG}/plans`)).json()) as TPlanSummary[];
  expect(plans.length).toBeGreaterThan(0);
  return plans[0].id;
}

/** Clicks the link and returns the downloaded file's bytes. */
async function downloadFrom(page: Page, name: string): Promise<Buffer> {
  const link = page.getByRole('link', { name }).first();
  await link.waitFor({ timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return readFile((await download.path())!);
}

describe('demands export: a planner exports XLSX with the progress bar and downloads the supporting document', () => {
  let browser: Browser;
  let planner: Page;
  let planId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    planner = await newPage(browser);
    await signInWithEmail(planner, PLANNER);
    planId = await demoPlanId(planner);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('in Persian (RTL): XLSX with a progress bar, then the PDF report, both found again after a reload', async () => {
    await planner.goto(`/${SLUG}/manage/demands/export?planId=${planId}&kinds=problem,suggestion`);
    await planner.getByRole('heading', { level: 1, name: 'خروجی مطالبات و سند پشتیبان' }).waitFor();
    expect(await planner.locator('html').getAttribute('dir')).toBe('rtl');
    await planner.getByText('شمار پالایه‌های اعمال‌شده روی مطالبات: ۱').waitFor();
    await expectNoSeriousA11yViolations(planner, 'demands export, fa');

    await planner.getByRole('radio', { name: 'اکسل (XLSX)' }).check();
    // A planner may not export personal data: no checkbox for it.
    expect(await planner.getByRole('checkbox').count()).toBe(0);
    await planner.getByRole('button', { name: 'تهیه خروجی' }).click();
    await planner.getByRole('progressbar', { name: 'پیشرفت خروجی اکسل (XLSX)' }).first().waitFor();
    const xlsx = await downloadFrom(planner, 'دریافت فایل اکسل (XLSX)');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].name).toBe('مطالبات');
    expect(workbook.worksheets[0].getRow(1).values).toEqual(expect.arrayContaining(['شناسه', 'متن مطالبه', 'موضوع‌ها', 'منطقه']));
    expect(workbook.worksheets[0].getRow(1).values).not.toEqual(expect.arrayContaining(['نام نویسنده']));

    await planner.getByRole('button', { name: 'تهیه سند پشتیبان (PDF)' }).click();
    const pdf = await downloadFrom(planner, 'دریافت فایل سند پشتیبان (PDF)');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
    expect(plain(text)).toContain(plain('سند پشتیبان: مطالبات دسته‌بندی‌شده'));
    expect(plain(text)).toContain(plain('مطالبات بر پایه موضوع'));
    await expectNoSeriousA11yViolations(planner, 'demands export, files ready');

    await planner.reload();
    await planner.getByRole('link', { name: 'دریافت فایل اکسل (XLSX)' }).first().waitFor();
    await planner.getByRole('link', { name: 'دریافت فایل سند پشتیبان (PDF)' }).first().waitFor();
  });

  it('in English (LTR): the page and the Word report', async () => {
    const page = await newPage(browser);
    await signInWithEmail(page, PLANNER);
    await page.evaluate(() => window.localStorage.setItem('hm_locale', 'en'));
    await page.goto(`/${SLUG}/manage/demands/export?planId=${planId}`);
    await page.getByRole('heading', { level: 1, name: 'Demands export and supporting document' }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    await page.getByText('All demands of this plan.').waitFor();
    await expectNoSeriousA11yViolations(page, 'demands export, en');
    await page.getByRole('button', { name: 'Prepare the supporting document (Word)' }).click();
    const docx = await downloadFrom(page, 'Download the Supporting document (Word) file');
    expect(docx.subarray(0, 2).toString()).toBe('PK');
  });
});

/** Text without bidi controls and ZWNJ, no space beside a digit or punctuation (pdftotext moves them). */
function plain(text: string): string {
  return text
    .replace(/\u200c|\u200d|[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s*([^\p{L}\s])\s*/gu, '$1')
    .replace(/\s+/g, ' ');
}
