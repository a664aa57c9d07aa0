import type { Page } from 'playwright-core';
import type { TPlan } from '@hamandishi/contracts';
import { jalaliYear } from '@hamandishi/text';
import { generateStructure } from '../../../api/bench/strategy-data';
import { writeStructureXlsx } from '../../../api/src/modules/strategy/strategy-xlsx';
import { SLUG } from './accounts';
import { csrfOf } from './surveys';

/** A small plan structure (every level present) for browser tests: the Ahvaz size is the bench's. */
export const SMALL_PLAN = { goals: 2, outputs: 3, indicators: 4, portfolios: 2, projects: 5, actions: 3 };

/** The Jalali years of a fresh plan's horizons (this year and after, as the plan form's defaults). */
export function planYears() {
  const y = jalaliYear(new Date(), 'Asia/Tehran');
  return { strategic: { from: y - 1, to: y + 8 }, operational: { from: y - 1, to: y + 3 } };
}

/** A drafting plan of the demo municipality, made through the API by the signed-in planner of `page`. */
export async function createDraftPlan(page: Page, title: string): Promise<string> {
  const years = planYears();
  const response = await page.request.post(`/api/orgs/${SLUG}/plans`, {
    headers: { 'x-csrf-token': await csrfOf(page) },
    data: { title: { fa: title, en: title }, kind: 'strategic_operational', strategicHorizon: years.strategic, operationalHorizon: years.operational },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as TPlan).id;
}

/** A plan workbook as the export writes it (goals G1…, outputs O1…, indicators I1…, projects P001…), generated for the test. */
export function planWorkbook(size = SMALL_PLAN): Promise<Buffer> {
  const content = generateStructure(planYears().operational, { districtIds: [], committeeIds: [] }, size);
  return writeStructureXlsx(content, { committees: [], districts: [] });
}

/** Labels of the import screen, by language. */
const IMPORT_TEXT = {
  fa: { tab: 'ورود و خروج اکسل', file: 'کاربرگ برای ورود', preview: 'بررسی و پیش‌نمایش', apply: 'اعمال این تغییرها', applied: /^وارد شد:/ },
  en: { tab: 'Excel import and export', file: 'Workbook to import', preview: 'Check and preview', apply: 'Apply these changes', applied: /^Imported:/ },
};

/**
 * Imports a workbook into a plan through the structure editor, as a planner does: opens the
 * editor, chooses the file, previews the changes and applies them.
 */
export async function importPlanWorkbook(page: Page, planId: string, file: Buffer, locale: 'fa' | 'en' = 'fa'): Promise<void> {
  const text = IMPORT_TEXT[locale];
  await page.goto(`/${SLUG}/manage/plans/${planId}/strategy`);
  await page.getByRole('tab', { name: text.tab }).click();
  await page.getByLabel(text.file).setInputFiles({ name: 'plan.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
  await page.getByRole('button', { name: text.preview }).click();
  await page.getByRole('button', { name: text.apply }).click();
  await page.getByText(text.applied).waitFor({ timeout: 30_000 });
}
