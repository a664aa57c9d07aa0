import { fireEvent, render, screen } from '@testing-library/react';
import { changeLocale } from '@/app/i18n';
import { FileField } from './file-field';

describe('FileField', () => {
  it('speaks the page language: a Persian button and "no file chosen", then the file’s name (fa)', () => {
    const onChange = jest.fn();
    render(<FileField label="پیوست" accept=".pdf" onChange={onChange} />);
    const input = screen.getByLabelText('پیوست');
    expect(input).toHaveAttribute('type', 'file');
    expect(screen.getByText('انتخاب فایل')).toBeInTheDocument();
    expect(screen.getByText('فایلی انتخاب نشده است')).toBeInTheDocument();
    const file = new File(['%PDF'], 'گزارش.pdf', { type: 'application/pdf' });
    fireEvent.change(input, { target: { files: [file] } });
    expect(onChange).toHaveBeenCalled();
    expect(screen.getByText('گزارش.pdf')).toBeInTheDocument();
  });

  it('shows what the form holds, so a cleared form clears the name', async () => {
    await changeLocale('ar');
    const { rerender } = render(<FileField label="ملف" fileName="plan.docx" />);
    expect(screen.getByText('plan.docx')).toBeInTheDocument();
    rerender(<FileField label="ملف" fileName={null} />);
    expect(screen.getByText('لم يُختر أي ملف')).toBeInTheDocument();
    expect(screen.getByText('اختيار ملف')).toBeInTheDocument();
  });
});
