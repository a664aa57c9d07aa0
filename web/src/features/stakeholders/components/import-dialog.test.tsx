import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TStakeholderImportReport } from '@hamandishi/contracts';
import { renderWithApp } from '../../../../test/render';
import { ImportDialog } from './import-dialog';

const PLAN_ID = '0b000000-0000-4000-8000-000000000001';

function report(over: Partial<TStakeholderImportReport>): TStakeholderImportReport {
  return { dryRun: true, applied: false, rows: 2, created: 2, updated: 0, problems: [], suggestions: [], ...over };
}

/** The upload sends the file itself (a Blob), which the shared JSON fetch mock cannot read: a small one here. */
function mockImport(answers: TStakeholderImportReport[]) {
  const calls: string[] = [];
  globalThis.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url.startsWith('/api/auth/session')) {
      document.cookie = 'hm_csrf=c';
      return { ok: true, status: 200, text: async () => JSON.stringify({ account: null, memberships: [], csrfToken: 'c' }) } as Response;
    }
    calls.push(`${init?.method} ${url}`);
    const body = answers.shift()!;
    return { ok: true, status: 200, text: async () => JSON.stringify(body) } as Response;
  }) as typeof fetch;
  return calls;
}

describe('the stakeholder import dialog', () => {
  it('shows each problem by row and column, keeps "apply" disabled, then applies a clean file after its check', async () => {
    const user = userEvent.setup();
    const calls = mockImport([
      report({ problems: [{ row: 3, column: 'influence', problem: 'bad_score' }], created: 0 }),
      report({ suggestions: [{ row: 2, name: 'سمن هوای پاک', similarTo: { id: PLAN_ID, name: 'سمن هوای پاک اصفهان', kind: 'ngo', similarity: 0.72 } }] }),
      report({ dryRun: false, applied: true }),
    ]);
    renderWithApp(<ImportDialog slug="isfahan" planId={PLAN_ID} planTitle="برنامه ۱۴۰۵" isOpen onOpenChange={() => {}} />);
    const dialog = screen.getByRole('dialog', { name: 'ورود ذی‌نفعان از CSV یا اکسل' });
    const file = new File(['name,kind\n'], 'stakeholders.csv', { type: 'text/csv' });

    await user.upload(within(dialog).getByLabelText('فایل CSV یا XLSX'), file);
    await user.click(within(dialog).getByRole('button', { name: 'بررسی فایل' }));
    const table = await within(dialog).findByRole('table', { name: 'گزارش بررسی فایل' });
    expect(within(table).getByText('۳')).toBeInTheDocument();
    expect(within(table).getByText('influence')).toBeInTheDocument();
    expect(within(table).getByText('امتیاز باید عددی از ۱ تا ۵ باشد.')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'اعمال' })).toBeDisabled();

    await user.click(within(dialog).getByRole('button', { name: 'بررسی فایل' }));
    await within(dialog).findByText(/فایل بی‌مشکل است/);
    const suggestions = within(dialog).getByRole('table', { name: 'نام‌هایی که شاید تکراری باشند' });
    expect(within(suggestions).getByText('سمن هوای پاک اصفهان (۷۲٪)')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'اعمال' }));
    await within(dialog).findByText(/ذخیره شد: ۲ ذی‌نفع تازه/);

    expect(calls).toEqual([
      `POST /api/orgs/isfahan/stakeholders/import?dryRun=true&planId=${PLAN_ID}`,
      `POST /api/orgs/isfahan/stakeholders/import?dryRun=true&planId=${PLAN_ID}`,
      `POST /api/orgs/isfahan/stakeholders/import?dryRun=false&planId=${PLAN_ID}`,
    ]);
  });
});
