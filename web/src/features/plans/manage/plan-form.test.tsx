import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { changeLocale } from '@/app/i18n';
import { PlanForm } from './plan-form';
import { renderWithApp } from '../../../../test/render';

async function fillYears(user: ReturnType<typeof userEvent.setup>, legend: string, from: string, to: string) {
  const group = screen.getByRole('group', { name: legend });
  const [fromField, toField] = within(group).getAllByRole('textbox');
  await user.clear(fromField);
  await user.type(fromField, from);
  await user.clear(toField);
  await user.type(toField, to);
}

describe('PlanForm', () => {
  it('rejects an operational horizon outside the strategic one with a translated message, then sends numbers typed in Persian digits', async () => {
    const user = userEvent.setup();
    const handleSubmit = jest.fn().mockResolvedValue(undefined);
    renderWithApp(<PlanForm submitLabel="ساخت برنامه" onSubmit={handleSubmit} />);

    const titleGroup = screen.getByRole('group', { name: 'عنوان برنامه' });
    await user.type(within(titleGroup).getByRole('textbox', { name: 'به فارسی' }), 'برنامه راهبردی اصفهان ۱۴۰۵');
    await fillYears(user, 'افق راهبردی (سال شمسی)', '۱۴۰۵', '۱۴۱۴');
    await fillYears(user, 'افق عملیاتی (سال شمسی)', '۱۴۰۳', '۱۴۰۷');
    await user.click(screen.getByRole('button', { name: 'ساخت برنامه' }));

    const message = await screen.findByText('افق عملیاتی باید درون افق راهبردی باشد.');
    expect(message).toHaveAttribute('role', 'alert');
    expect(screen.getByRole('group', { name: 'افق عملیاتی (سال شمسی)' })).toHaveAccessibleDescription('افق عملیاتی باید درون افق راهبردی باشد.');
    expect(handleSubmit).not.toHaveBeenCalled();

    await fillYears(user, 'افق عملیاتی (سال شمسی)', '۱۴۰۶', '۱۴۱۰');
    await user.click(screen.getByRole('button', { name: 'ساخت برنامه' }));

    expect(handleSubmit).toHaveBeenCalledTimes(1);
    expect(handleSubmit.mock.calls[0][0]).toEqual({
      title: { fa: 'برنامه راهبردی اصفهان ۱۴۰۵' },
      kind: 'strategic_operational',
      strategicHorizon: { from: 1405, to: 1414 },
      operationalHorizon: { from: 1406, to: 1410 },
      summary: undefined,
    });
    expect(screen.queryByText('افق عملیاتی باید درون افق راهبردی باشد.')).not.toBeInTheDocument();
  });

  it('says in English when the end year comes before the start year', async () => {
    await changeLocale('en');
    const user = userEvent.setup();
    const handleSubmit = jest.fn();
    renderWithApp(<PlanForm submitLabel="Create plan" onSubmit={handleSubmit} />);

    await user.type(within(screen.getByRole('group', { name: 'Plan title' })).getByRole('textbox', { name: 'In Persian' }), 'Isfahan 1405');
    await fillYears(user, 'Strategic horizon (Jalali years)', '1414', '1405');
    await user.click(screen.getByRole('button', { name: 'Create plan' }));

    expect(await screen.findByText('The end year cannot be before the start year.')).toBeInTheDocument();
    expect(handleSubmit).not.toHaveBeenCalled();
  });
});
