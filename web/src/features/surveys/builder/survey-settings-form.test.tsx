import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ORG } from '@/features/problems/test-fixtures';
import { renderWithApp } from '../../../../test/render';
import { SurveySettingsForm } from './survey-settings-form';

describe('the survey’s answering settings', () => {
  it('asks for at least one role before saving a roles audience, then saves audience, anonymity and demographics', async () => {
    const user = userEvent.setup();
    const onSave = jest.fn(async () => undefined);
    renderWithApp(
      <SurveySettingsForm
        settings={{ audience: { audience: 'signed_in' }, anonymous: false, askDemographics: false }}
        districts={ORG.districts}
        onSave={onSave}
      />,
    );
    expect(screen.getByRole('radio', { name: 'کاربران واردشده' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'فقط نقش‌های برگزیده' }));
    expect(screen.getByText('دست‌کم یکی را انتخاب کنید.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'ذخیره تنظیمات پاسخ‌دهی' })).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'سمن‌ها' }));
    await user.click(screen.getByRole('checkbox', { name: 'خبرگان' }));
    await user.click(screen.getByRole('checkbox', { name: 'پاسخ‌ها بی‌نام نگه داشته شوند' }));
    await user.click(screen.getByRole('button', { name: 'ذخیره تنظیمات پاسخ‌دهی' }));
    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(onSave).toHaveBeenCalledWith({
      audience: { audience: 'roles', roles: ['ngo', 'expert'] },
      anonymous: true,
      askDemographics: false,
    });
    expect(await screen.findByText('تنظیمات پاسخ‌دهی ذخیره شد.')).toBeInTheDocument();
  });
});
