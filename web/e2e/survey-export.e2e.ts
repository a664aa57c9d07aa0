import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, SLUG } from './support/accounts';
import { createSurveyActivity, csrfOf } from './support/surveys';

const PLANNER = 'planner@demo.hamandishi.ir';
const QUESTION = 'کدام خیابان روشنایی کافی ندارد؟';

/** A fresh survey activity in the demo plan's open stage, with one question, answered once (by the planner). */
async function answeredSurvey(page: Page): Promise<string> {
  const { activityId } = await createSurveyActivity(page, 'نظرسنجی روشنایی معابر');
  const headers = { 'x-csrf-token': await csrfOf(page) };
  const base = `/api/orgs/${SLUG}/surveys/${activityId}`;
  const definition = {
    sections: [{ id: 's1', questions: [{ id: 'q1', type: 'short_text', title: { fa: QUESTION } }] }],
  };
  expect((await page.request.put(`${base}/definition`, { headers, data: { definition } })).status()).toBe(200);
  expect(
    (
      await page.request.put(`${base}/settings`, {
        headers,
        data: { audience: { audience: 'signed_in' }, anonymous: false, askDemographics: false },
      })
    ).status(),
  ).toBe(200);
  const answered = await page.request.post(`${base}/response`, {
    headers,
    data: { answers: { q1: '=خیابان چهارباغ' } },
  });
  expect(answered.status()).toBe(201);
  return activityId;
}

describe('survey export: a planner downloads the responses as XLSX with a progress bar', () => {
  let browser: Browser;
  let planner: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    planner = await newPage(browser);
    await signInWithEmail(planner, PLANNER);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('asks for the XLSX, sees it prepared, downloads it, and finds it again after a reload', async () => {
    const activityId = await answeredSurvey(planner);
    await planner.goto(`/${SLUG}/manage/surveys/${activityId}/export`);
    await planner.getByRole('heading', { name: 'خروجی پاسخ‌های پرسش‌نامه' }).waitFor();
    expect(await planner.locator('html').getAttribute('dir')).toBe('rtl');
    await expectNoSeriousA11yViolations(planner, 'survey export, empty');

    await planner.getByRole('button', { name: 'تهیه خروجی اکسل (XLSX)' }).click();
    const link = planner.getByRole('link', { name: 'دریافت فایل اکسل (XLSX)' });
    await link.waitFor({ timeout: 20_000 });
    await expectNoSeriousA11yViolations(planner, 'survey export, ready');

    const [download] = await Promise.all([planner.waitForEvent('download'), link.click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining([`س1 — ${QUESTION}`]));
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining(["'=خیابان چهارباغ"]));

    await planner.reload();
    await planner.getByRole('link', { name: 'دریافت فایل اکسل (XLSX)' }).waitFor();
  });
});
