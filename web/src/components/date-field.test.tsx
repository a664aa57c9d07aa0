import { useState } from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { changeLocale } from '@/app/i18n';
import { ProblemFilters } from '@/features/problems/components/problem-filters';
import { ORG } from '@/features/problems/test-fixtures';
import { renderWithApp } from '../../test/render';
import { DateField, INVALID_DATE } from './date-field';
import { YearField } from './year-field';

function Harness({ initial = '', onValue }: { initial?: string; onValue: (value: string) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <DateField
      label="تاریخ"
      value={value}
      onChange={(next) => {
        setValue(next);
        onValue(next);
      }}
    />
  );
}

describe('DateField', () => {
  it('takes a Solar Hijri day in Persian digits and reports the ISO day (fa)', () => {
    const onValue = jest.fn();
    render(<Harness onValue={onValue} />);
    const group = screen.getByRole('group', { name: 'تاریخ' });
    fireEvent.change(within(group).getByLabelText('روز'), { target: { value: '۱۵' } });
    fireEvent.change(within(group).getByLabelText('ماه'), { target: { value: '1' } });
    fireEvent.change(within(group).getByLabelText('سال'), { target: { value: '۱۴۰۵' } });
    expect(onValue).toHaveBeenLastCalledWith('2026-04-04');
    expect(within(group).getByRole('option', { name: 'فروردین' })).toBeInTheDocument();
    expect(group.querySelector('input[type="date"], input[type="datetime-local"]')).toBeNull();
  });

  it('shows a stored day as Jalali day, month name and year in Persian digits (fa)', () => {
    render(<Harness initial="2026-04-04" onValue={jest.fn()} />);
    expect(screen.getByLabelText('روز')).toHaveValue('۱۵');
    expect(screen.getByLabelText('ماه')).toHaveDisplayValue('فروردین');
    expect(screen.getByLabelText('سال')).toHaveValue('۱۴۰۵');
  });

  it('accepts Arabic-Indic and ASCII digits too', () => {
    const onValue = jest.fn();
    render(<Harness onValue={onValue} />);
    fireEvent.change(screen.getByLabelText('روز'), { target: { value: '٣٠' } });
    fireEvent.change(screen.getByLabelText('ماه'), { target: { value: '12' } });
    fireEvent.change(screen.getByLabelText('سال'), { target: { value: '1403' } });
    // 1403 is a leap year: 30 Esfand exists.
    expect(onValue).toHaveBeenLastCalledWith('2025-03-20');
  });

  it('says so when the parts name no real day, and reports it as invalid', () => {
    const onValue = jest.fn();
    render(<Harness onValue={onValue} />);
    fireEvent.change(screen.getByLabelText('روز'), { target: { value: '۳۰' } });
    fireEvent.change(screen.getByLabelText('ماه'), { target: { value: '12' } });
    fireEvent.change(screen.getByLabelText('سال'), { target: { value: '۱۴۰۴' } });
    expect(onValue).toHaveBeenLastCalledWith(INVALID_DATE);
    expect(screen.getByText(/این تاریخ وجود ندارد/)).toBeInTheDocument();
  });

  it('is Gregorian with month names in English', async () => {
    await changeLocale('en');
    const onValue = jest.fn();
    render(<Harness initial="2026-02-12" onValue={onValue} />);
    expect(screen.getByLabelText('Month')).toHaveDisplayValue('February');
    expect(screen.getByLabelText('Day')).toHaveValue('12');
    expect(screen.getByLabelText('Year')).toHaveValue('2026');
  });
});

describe('dates entered in forms and filters', () => {
  it('filters problems by a Jalali day, not the browser date picker (fa)', () => {
    const onChange = jest.fn();
    renderWithApp(<ProblemFilters organization={ORG} value={{}} onChange={onChange} />);
    expect(document.querySelector('input[type="date"]')).toBeNull();
    const from = screen.getByRole('group', { name: 'از تاریخ' });
    fireEvent.change(within(from).getByLabelText('روز'), { target: { value: '۱' } });
    fireEvent.change(within(from).getByLabelText('ماه'), { target: { value: '2' } });
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.change(within(from).getByLabelText('سال'), { target: { value: '۱۴۰۵' } });
    expect(onChange).toHaveBeenLastCalledWith({ from: '2026-04-21' });
  });

  it('writes a year in the reader digits (fa) and reads any digits back', () => {
    const onChange = jest.fn();
    render(<YearField label="سال" value={1405} onChange={onChange} />);
    const input = screen.getByLabelText('سال');
    expect(input).toHaveValue('۱۴۰۵');
    fireEvent.change(input, { target: { value: '١٤٠٦' } });
    expect(onChange).toHaveBeenLastCalledWith(1406);
  });
});
