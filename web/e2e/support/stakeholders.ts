import type { Page } from 'playwright-core';
import type { TPlan, TPlanSummary, TStakeholderImportReport } from '@hamandishi/contracts';
import { SLUG } from './accounts';
import { csrfOf } from './surveys';

/** One stakeholder row of an import file (the assessment columns need a plan). */
export type StakeholderCsvRow = {
  name: string;
  kind: string;
  form?: string;
  relation?: string;
  influence?: number | string;
  interest?: number | string;
  mandatory?: boolean;
  contactName?: string;
  contactPhone?: string;
};

const HEADER = ['name', 'kind', 'form', 'relation', 'influence', 'interest', 'mandatory', 'contact_name', 'contact_phone'];

/** A CSV file of stakeholders (UTF-8, quoted fields) as Playwright's setInputFiles takes it. */
export function stakeholdersCsv(rows: StakeholderCsvRow[], name = 'stakeholders.csv') {
  const quote = (value: unknown) => `"${String(value ?? '').replace(/"/g, '""')}"`;
  const lines = [
    HEADER.join(','),
    ...rows.map((r) =>
      [r.name, r.kind, r.form ?? 'organization', r.relation, r.influence, r.interest, r.mandatory === undefined ? '' : String(r.mandatory), r.contactName, r.contactPhone]
        .map(quote)
        .join(','),
    ),
  ];
  return { name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n'), 'utf8') };
}

/** The demo municipality's first plan with its stages (the page must be signed in). */
export async function demoPlan(page: Page): Promise<TPlan> {
  const plans = (await (await page.request.get(`/api/orgs/${SLUG}/plans`)).json()) as TPlanSummary[];
  if (!plans.length) throw new Error('the demo municipality has no plan');
  return (await (await page.request.get(`/api/orgs/${SLUG}/plans/${plans[0].id}`)).json()) as TPlan;
}

/** Imports stakeholders through the API as the signed-in planner (no dry run); returns the report. */
export async function importStakeholdersByApi(page: Page, rows: StakeholderCsvRow[], planId?: string): Promise<TStakeholderImportReport> {
  const file = stakeholdersCsv(rows);
  const response = await page.request.post(`/api/orgs/${SLUG}/stakeholders/import${planId ? `?planId=${planId}` : ''}`, {
    headers: { 'content-type': 'text/csv', 'x-csrf-token': await csrfOf(page) },
    data: file.buffer,
  });
  expect(response.status()).toBe(200);
  const report = (await response.json()) as TStakeholderImportReport;
  expect(report.problems).toEqual([]);
  return report;
}

/**
 * Imports stakeholders the way a planner does, in Persian: opens the registry of the plan, checks
 * the file in the import dialog, applies it, and closes the dialog. Fails if the file has problems.
 */
export async function importStakeholdersInUi(page: Page, rows: StakeholderCsvRow[], planId: string): Promise<void> {
  await page.goto(`/${SLUG}/manage/stakeholders?planId=${planId}`);
  await page.getByRole('heading', { level: 1, name: 'ذی‌نفعان' }).waitFor();
  await page.getByRole('button', { name: 'ورود از فایل' }).click();
  const dialog = page.getByRole('dialog', { name: 'ورود ذی‌نفعان از CSV یا اکسل' });
  await dialog.getByLabel('فایل CSV یا XLSX').setInputFiles(stakeholdersCsv(rows));
  await dialog.getByRole('button', { name: 'بررسی فایل' }).click();
  await dialog.getByText(/فایل بی‌مشکل است/).waitFor();
  await dialog.getByRole('button', { name: 'اعمال' }).click();
  await dialog.getByText(/ذخیره شد/).waitFor();
  await dialog.getByRole('button', { name: 'بستن' }).click();
}
