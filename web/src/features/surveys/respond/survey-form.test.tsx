import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TSurveyDefinition } from '@hamandishi/contracts';
import { ApiError } from '@/lib/api-client';
import {
  CONDITIONAL_DEFINITION,
  EVERY_TYPE_DEFINITION,
  EXAMPLE_BOX,
} from '../../../../../libs/contracts/src/surveys.examples';
import { renderWithApp } from '../../../../test/render';
import { buildDraftSchema } from '@hamandishi/contracts';
import { sendableDraft, SurveyForm } from './survey-form';

// Long user-event stories on a shared two-core machine: the default 5 s is too tight under load.
jest.setTimeout(20_000);

jest.mock('../components/survey-map', () => ({ __esModule: true, default: () => <div data-testid="leaflet-map" /> }));

const mapView = { center: { lat: 32.65, lng: 51.67 }, zoom: 12 };

function renderForm(definition: TSurveyDefinition, onSubmit: jest.Mock = jest.fn(async () => undefined)) {
  renderWithApp(
    <SurveyForm
      definition={definition}
      box={EXAMPLE_BOX}
      mapView={mapView}
      seed="test"
      onSubmit={onSubmit}
      submitLabel="ارسال پاسخ‌ها"
    />,
  );
  return onSubmit;
}

const q = (name: string) => screen.getByRole('group', { name: new RegExp(name) });

describe('the respondent form', () => {
  it('renders every question type accessibly: groups with legends, radios, checkboxes, a matrix table, ranking buttons, a Jalali date, a keyboard map', async () => {
    renderForm(EVERY_TYPE_DEFINITION);
    expect(await screen.findByRole('heading', { level: 2, name: 'همه انواع' })).toBeInTheDocument();
    expect(within(q('^یکی')).getAllByRole('radio')).toHaveLength(4); // three options and "other"
    expect(within(q('^چندتا')).getAllByRole('checkbox')).toHaveLength(5);
    expect(screen.getByRole('textbox', { name: 'کوتاه' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'بلند' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'عدد' })).toHaveAttribute('inputmode', 'decimal');
    expect(within(q('^لیکرت')).getByRole('radio', { name: 'کاملاً موافقم' })).toBeInTheDocument();
    expect(within(q('^امتیاز')).getByRole('radio', { name: '۱۰ از ۱۰' })).toBeInTheDocument();
    const matrix = q('^ماتریس$');
    expect(within(matrix).getByRole('columnheader', { name: 'گزینه c2' })).toBeInTheDocument();
    expect(within(matrix).getByRole('radiogroup', { name: 'گزینه r1' })).toBeInTheDocument();
    expect(within(q('^ماتریس چند')).getByRole('checkbox', { name: 'گزینه r2: گزینه c3' })).toBeInTheDocument();
    expect(within(q('^رتبه همه')).getByRole('button', { name: 'افزودن «گزینه a» به ترتیب' })).toBeInTheDocument();
    expect(within(q('^تاریخ')).getByRole('combobox', { name: 'ماه' })).toBeInTheDocument();
    expect(screen.getByRole('application', { name: 'نقشه برای انتخاب یک نقطه' })).toBeInTheDocument();
    expect(screen.getByRole('application', { name: 'نقشه برای کشیدن یک محدوده' })).toBeInTheDocument();
  });

  it('shows the shared schema’s messages on the questions they concern, and submits what it outputs', async () => {
    const user = userEvent.setup();
    const onSubmit = renderForm(EVERY_TYPE_DEFINITION);
    await user.type(await screen.findByRole('textbox', { name: 'عدد' }), '۱۲۱');
    const multi = q('^چندتا');
    for (const name of ['گزینه a', 'گزینه b', 'گزینه c'])
      await user.click(within(multi).getByRole('checkbox', { name }));
    // The short text's limit is the input's own: nothing past it can be typed.
    expect(screen.getByRole('textbox', { name: 'کوتاه' })).toHaveAttribute('maxlength', '20');
    await user.click(within(q('^یکی')).getByRole('radio', { name: 'سایر' }));
    await user.click(screen.getByRole('button', { name: 'ارسال پاسخ‌ها' }));

    expect(await screen.findByText('بیشتر از حد مجاز است.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'عدد' })).toHaveAccessibleDescription(/بیشتر از حد مجاز است/);
    expect(within(multi).getByText('گزینه‌های بیش از حد مجاز انتخاب شده است.')).toBeInTheDocument();
    expect(within(q('^یکی')).getByText('گزینه «سایر» را توضیح دهید.')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();

    // Fixed: Persian digits read as a number, the choices within the limit, the other text given.
    await user.clear(screen.getByRole('textbox', { name: 'عدد' }));
    await user.type(screen.getByRole('textbox', { name: 'عدد' }), '۴۲');
    await user.click(within(multi).getByRole('checkbox', { name: 'گزینه c' }));
    await user.type(screen.getByRole('textbox', { name: 'توضیح گزینه «سایر»' }), 'چیز دیگر');
    await user.click(within(q('^رتبه$')).getByRole('button', { name: 'افزودن «گزینه b» به ترتیب' }));
    await user.click(within(q('^رتبه$')).getByRole('button', { name: 'افزودن «گزینه a» به ترتیب' }));
    await user.click(within(q('^رتبه$')).getByRole('button', { name: 'بالا بردن «گزینه a»' }));
    await user.click(within(q('^ماتریس$')).getByRole('radio', { name: 'گزینه r1: گزینه c2' }));
    await user.click(screen.getByRole('button', { name: 'ارسال پاسخ‌ها' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.lastCall).toEqual([
      {
        single: { choice: '_other', other: 'چیز دیگر' },
        multi: { choices: ['a', 'b'] },
        num: 42,
        rank: ['a', 'b'],
        msingle: { r1: 'c2' },
      },
      false,
    ]);
  });

  it('uploads the image of a file question when it is picked and answers with its attachment id', async () => {
    const user = userEvent.setup();
    const onSubmit = jest.fn(async () => undefined);
    const upload = jest.fn(async (file: File) => ({
      id: '3f1c2b9e-8a47-4c6e-9d2a-5b8e7f6a1c3d',
      filename: file.name,
      contentType: 'image/png' as const,
      sizeBytes: file.size,
      url: '/a/1',
      createdAt: '2026-12-01T10:00:00Z',
    }));
    const photoOnly = {
      sections: [
        { id: 's1', questions: [EVERY_TYPE_DEFINITION.sections[0]!.questions.find((q) => q.id === 'photo')!] },
      ],
    };
    renderWithApp(
      <SurveyForm
        definition={photoOnly}
        box={EXAMPLE_BOX}
        mapView={mapView}
        seed="test"
        onSubmit={onSubmit}
        onUploadImage={upload}
        submitLabel="ارسال پاسخ‌ها"
      />,
    );
    await user.upload(
      await screen.findByLabelText('انتخاب تصویر'),
      new File(['png'], 'park.png', { type: 'image/png' }),
    );
    expect(await screen.findByText('تصویر «park.png» پیوست شد.', { selector: 'p.survey-choice' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'ارسال پاسخ‌ها' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({ photo: '3f1c2b9e-8a47-4c6e-9d2a-5b8e7f6a1c3d' }, false),
    );
  });

  it('asks for the top K of a ranking before sending', async () => {
    const user = userEvent.setup();
    renderForm(EVERY_TYPE_DEFINITION);
    await user.click(
      within(await screen.findByRole('group', { name: /^رتبه$/ })).getByRole('button', {
        name: 'افزودن «گزینه c» به ترتیب',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'ارسال پاسخ‌ها' }));
    expect(await within(q('^رتبه$')).findByText('رتبه‌بندی را کامل کنید.')).toBeInTheDocument();
  });

  it('shows a conditional question when its condition holds and hides it again; a hidden required question is not required', async () => {
    const user = userEvent.setup();
    const onSubmit = renderForm(CONDITIONAL_DEFINITION);
    const pet = await screen.findByRole('group', { name: /حیوان خانگی دارید/ });
    expect(screen.queryByRole('textbox', { name: /چه حیوانی/ })).not.toBeInTheDocument();
    await user.click(within(pet).getByRole('radio', { name: 'گزینه yes' }));
    expect(screen.getByRole('textbox', { name: /چه حیوانی/ })).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: /چه حیوانی/ }), 'گربه');
    await user.click(within(pet).getByRole('radio', { name: 'گزینه no' }));
    expect(screen.queryByRole('textbox', { name: /چه حیوانی/ })).not.toBeInTheDocument();
    // The "note" question shows only while no transport mode is chosen.
    expect(screen.getByRole('textbox', { name: 'یادداشت' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'ارسال پاسخ‌ها' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    // The hidden answer ("گربه") is kept in the form but never sent.
    expect(onSubmit.mock.lastCall?.[0]).toEqual({ pet: { choice: 'no' } });
  });

  it('counts the pages the conditions show in its progress bar, and checks a page before moving on', async () => {
    const user = userEvent.setup();
    const onSubmit = renderForm(CONDITIONAL_DEFINITION);
    const progress = await screen.findByRole('progressbar', { name: 'پیشرفت پاسخ' });
    expect(progress).toHaveAttribute('aria-valuetext', 'صفحه ۱ از ۱');
    await user.click(within(q('با چه وسیله')).getByRole('checkbox', { name: 'گزینه bus' }));
    expect(progress).toHaveAttribute('aria-valuetext', 'صفحه ۱ از ۲');
    expect(screen.queryByRole('button', { name: 'ارسال پاسخ‌ها' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'صفحه بعد' }));
    // "pet" is required: the page stays until it is answered.
    expect(await within(q('حیوان خانگی دارید')).findByText('این فیلد را پر کنید.')).toBeInTheDocument();
    await user.click(within(q('حیوان خانگی دارید')).getByRole('radio', { name: 'گزینه no' }));
    await user.click(screen.getByRole('button', { name: 'صفحه بعد' }));
    expect(await screen.findByRole('progressbar')).toHaveAttribute('aria-valuetext', 'صفحه ۲ از ۲');
    expect(screen.getByRole('heading', { level: 2 })).toHaveFocus();
    await user.type(screen.getByRole('textbox', { name: /کدام خط/ }), '۱۲');
    await user.click(screen.getByRole('button', { name: 'ارسال پاسخ‌ها' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.lastCall?.[0]).toEqual({ pet: { choice: 'no' }, modes: { choices: ['bus'] }, busline: '۱۲' });
  });

  it('puts the server’s per-question codes under the questions they name', async () => {
    const user = userEvent.setup();
    renderForm(
      CONDITIONAL_DEFINITION,
      jest.fn(async () => {
        throw new ApiError(400, 'surveys.invalid_response', { pet: 'unknown_option' });
      }),
    );
    await user.click(
      within(await screen.findByRole('group', { name: /حیوان خانگی/ })).getByRole('radio', { name: 'گزینه no' }),
    );
    await user.click(screen.getByRole('button', { name: 'ارسال پاسخ‌ها' }));
    expect(await within(q('حیوان خانگی')).findByText('این گزینه در پرسش نیست.')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('برخی پاسخ‌ها درست نیستند');
  });
});

describe('the draft sent by autosave', () => {
  it('leaves out what the draft schema refuses (a half-typed number, a question removed since) and keeps the rest', () => {
    const schema = buildDraftSchema(EVERY_TYPE_DEFINITION, { box: EXAMPLE_BOX });
    expect(sendableDraft(schema, { num: '۴۲', short: 'سلام', gone: 'x', date: 'invalid-date', rank: ['b'] })).toEqual({
      num: 42,
      short: 'سلام',
      rank: ['b'],
    });
  });
});
