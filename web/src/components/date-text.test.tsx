import { render, screen } from '@testing-library/react';
import { changeLocale } from '@/app/i18n';
import { DateText } from './date-text';

describe('DateText', () => {
  it('shows a Solar Hijri date with Persian digits in fa', () => {
    render(<DateText value="2024-06-06T08:00:00Z" />);
    const time = screen.getByText('۱۴۰۳/۰۳/۱۷');
    expect(time.tagName).toBe('TIME');
    expect(time).toHaveAttribute('dateTime', '2024-06-06T08:00:00.000Z');
  });

  it('shows a Gregorian date with Latin digits in en', async () => {
    await changeLocale('en');
    render(<DateText value="2024-06-06T08:00:00Z" style="long" />);
    expect(screen.getByText('6 June 2024')).toBeInTheDocument();
  });

  it('renders nothing for an invalid date', () => {
    const { container } = render(<DateText value="not a date" />);
    expect(container).toBeEmptyDOMElement();
  });

  it('names the month in English short dates, so 12 February is not read as 2 December', async () => {
    await changeLocale('en');
    render(<DateText value="2026-02-12T08:00:00Z" />);
    expect(screen.getByText('12 Feb 2026')).toBeInTheDocument();
  });
});
