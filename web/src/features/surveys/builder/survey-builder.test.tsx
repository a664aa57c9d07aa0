import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TSurveyDefinition } from '@hamandishi/contracts';
import { CONDITIONAL_DEFINITION, EXAMPLE_BOX } from '../../../../../libs/contracts/src/surveys.examples';
import { renderWithApp } from '../../../../test/render';
import { SurveyBuilder } from './survey-builder';
import { earlierQuestions, moveQuestion } from './definition-model';

// Long user-event stories on a shared two-core machine: the default 5 s is too tight under load.
jest.setTimeout(20_000);

jest.mock('../components/survey-map', () => ({ __esModule: true, default: () => <div data-testid="leaflet-map" /> }));

const mapView = { center: { lat: 32.65, lng: 51.67 }, zoom: 12 };
const text = (fa: string) => ({ fa });

const THREE: TSurveyDefinition = {
  sections: [
    {
      id: 's1',
      questions: [
        {
          id: 'q1',
          type: 'single_choice',
          title: text('وسیله رفت‌وآمد'),
          options: [
            { id: 'bus', label: text('اتوبوس') },
            { id: 'car', label: text('خودرو') },
          ],
        },
        { id: 'q2', type: 'rating', title: text('رضایت'), max: 5 },
        { id: 'q3', type: 'short_text', title: text('پیشنهاد') },
      ],
    },
  ],
};

function renderBuilder(definition: TSurveyDefinition, onSave: jest.Mock = jest.fn(async () => undefined)) {
  renderWithApp(
    <SurveyBuilder
      initialDefinition={definition}
      isFrozen={false}
      box={EXAMPLE_BOX}
      mapView={mapView}
      onSave={onSave}
    />,
  );
  return onSave;
}

const question = (n: string) => screen.getByRole('article', { name: new RegExp(`^پرسش ${n}:`) });

describe('the survey builder', () => {
  it('offers only EARLIER questions in a condition, and operators suited to the chosen question', async () => {
    const user = userEvent.setup();
    renderBuilder(THREE);
    // The first question has nothing before it.
    expect(within(question('۱')).getByText(/پیش از این پرسشی نیست/)).toBeInTheDocument();
    const second = question('۲');
    await user.click(within(second).getByRole('button', { name: 'نمایش فقط با یک شرط…' }));
    const questionMenu = within(second).getByRole('combobox', { name: 'پرسش پیشین' });
    expect(
      within(questionMenu)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['پرسش ۱: وسیله رفت‌وآمد']);
    // A single choice: equals / not equals an option, answered or not; never "greater than".
    const operators = within(second).getByRole('combobox', { name: 'وضعیت پاسخ' });
    expect(
      within(operators)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['برابر است با', 'برابر نیست با', 'پاسخ داده شده است', 'پاسخ داده نشده است']);
    expect(within(second).getByRole('combobox', { name: 'گزینه' })).toHaveDisplayValue('اتوبوس');

    const third = question('۳');
    await user.click(within(third).getByRole('button', { name: 'نمایش فقط با یک شرط…' }));
    const menu = within(third).getByRole('combobox', { name: 'پرسش پیشین' });
    expect(
      within(menu)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['پرسش ۱: وسیله رفت‌وآمد', 'پرسش ۲: رضایت']);
    await user.selectOptions(menu, 'q2');
    await user.selectOptions(within(third).getByRole('combobox', { name: 'وضعیت پاسخ' }), 'lt');
    const value = within(third).getByRole('textbox', { name: 'مقدار' });
    await user.clear(value);
    await user.type(value, '۳');
    expect(screen.getByText('پرسشنامه ایرادی ندارد.')).toBeInTheDocument();
  });

  it('reports a condition made forward by moving its question up, on that question', async () => {
    const user = userEvent.setup();
    const withCondition: TSurveyDefinition = {
      sections: [
        {
          ...THREE.sections[0]!,
          questions: THREE.sections[0]!.questions.map((q) =>
            q.id === 'q2' ? { ...q, showIf: { combine: 'all', rules: [{ op: 'answered', question: 'q1' }] } } : q,
          ),
        },
      ],
    };
    const onSave = renderBuilder(withCondition);
    await user.click(within(question('۲')).getByRole('button', { name: 'بالا بردن پرسش ۲' }));
    const moved = question('۱');
    expect(moved).toHaveAccessibleName(/رضایت/);
    expect(within(moved).getByRole('list', { name: 'ایرادهای پرسش ۱' })).toHaveTextContent(
      'شرط فقط می‌تواند به پرسش‌های پیشین اشاره کند.',
    );
    await user.click(screen.getByRole('button', { name: 'ذخیره پرسشنامه' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByText(/پرسشنامه ۱ ایراد دارد/).parentElement).toHaveFocus();
  });

  it('adds, duplicates, reorders and deletes questions with buttons, and saves a valid definition', async () => {
    const user = userEvent.setup();
    const onSave = renderBuilder(THREE);
    await user.selectOptions(screen.getByRole('combobox', { name: 'نوع پرسش تازه' }), 'map_area');
    await user.click(screen.getByRole('button', { name: 'افزودن پرسش به بخش ۱' }));
    const added = question('۴');
    expect(added).toHaveAccessibleName(/محدوده روی نقشه/);
    // The new question's Persian title has focus, and a missing title is a problem named on it.
    const titleFa = within(within(added).getByRole('group', { name: 'متن پرسش' })).getByRole('textbox', {
      name: 'به فارسی',
    });
    expect(titleFa).toHaveFocus();
    expect(within(added).getByRole('list', { name: 'ایرادهای پرسش ۴' })).toHaveTextContent('متن فارسی لازم است.');
    await user.type(titleFa, 'محدوده پیشنهادی');
    expect(screen.getByText('پرسشنامه ایرادی ندارد.')).toBeInTheDocument();

    await user.click(within(question('۲')).getByRole('button', { name: 'رونوشت از پرسش ۲' }));
    expect(question('۳')).toHaveAccessibleName(/رضایت/);
    await user.click(within(question('۳')).getByRole('button', { name: 'حذف پرسش ۳' }));
    await user.click(within(question('۴')).getByRole('button', { name: 'بالا بردن پرسش ۴' }));
    expect(question('۳')).toHaveAccessibleName(/محدوده پیشنهادی/);

    // The translations check counts what Arabic and English still lack.
    const summary = screen.getByRole('region', { name: 'کامل بودن ترجمه‌ها' });
    expect(summary).toHaveTextContent('ترجمه به عربی: ۶ متن کم است');
    const areaTitle = within(question('۳')).getByRole('group', { name: 'متن پرسش' });
    await user.type(within(areaTitle).getByRole('textbox', { name: 'به عربی' }), 'المنطقة المقترحة');
    expect(summary).toHaveTextContent('ترجمه به عربی: ۵ متن کم است');
    expect(summary).toHaveTextContent('ترجمه به انگلیسی: ۶ متن کم است');
    expect(within(question('۳')).getByText('ترجمه به انگلیسی: ۱ متن کم است')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'ذخیره پرسشنامه' }));
    await waitFor(() => expect(onSave).toHaveBeenCalled());
    const saved = onSave.mock.lastCall![0] as TSurveyDefinition;
    expect(saved.sections[0]!.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q4', 'q3']);
    expect(saved.sections[0]!.questions[2]).toEqual({
      id: 'q4',
      type: 'map_area',
      title: { fa: 'محدوده پیشنهادی', ar: 'المنطقة المقترحة' },
    });
  });

  it('lets a Likert scale have its own labels, which the preview shows', async () => {
    const user = userEvent.setup();
    renderBuilder(THREE);
    await user.selectOptions(screen.getByRole('combobox', { name: 'نوع پرسش تازه' }), 'likert');
    await user.click(screen.getByRole('button', { name: 'افزودن پرسش به بخش ۱' }));
    const likert = question('۴');
    await user.type(
      within(likert).getByRole('group', { name: 'متن پرسش' }).querySelector('input')!,
      'پیاده‌روها امن‌اند',
    );
    await user.click(within(likert).getByRole('checkbox', { name: 'برچسب‌های خود را برای درجه‌ها بنویسید' }));
    const fifth = within(likert).getByRole('group', { name: 'درجه ۵' });
    expect(within(fifth).getByRole('textbox', { name: 'به انگلیسی' })).toHaveValue('Strongly agree');
    await user.clear(within(fifth).getByRole('textbox', { name: 'به فارسی' }));
    await user.type(within(fifth).getByRole('textbox', { name: 'به فارسی' }), 'بسیار امن');
    await user.click(screen.getByRole('tab', { name: 'پیش‌نمایش برای پاسخ‌دهنده' }));
    expect(screen.getByRole('radio', { name: 'بسیار امن' })).toBeInTheDocument();
  });

  it('previews the survey with the respondent’s form, conditions included, in a phone frame or at desktop width', async () => {
    const user = userEvent.setup();
    renderBuilder(CONDITIONAL_DEFINITION);
    await user.click(screen.getByRole('tab', { name: 'پیش‌نمایش برای پاسخ‌دهنده' }));
    const frame = screen.getByRole('region', { name: 'پیش‌نمایش پرسشنامه' });
    expect(frame).toHaveClass('survey-preview__frame--phone');
    expect(within(frame).getByRole('progressbar')).toHaveAttribute('aria-valuetext', 'صفحه ۱ از ۱');
    await user.click(within(frame).getByRole('radio', { name: 'گزینه yes' }));
    expect(within(frame).getByRole('textbox', { name: /چه حیوانی/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'رایانه' }));
    expect(frame).toHaveClass('survey-preview__frame--desktop');
    expect(screen.getByRole('button', { name: 'رایانه' })).toHaveAttribute('aria-pressed', 'true');
  });
});

describe('a survey with responses (frozen)', () => {
  it('keeps every text editable and every change of structure disabled', async () => {
    const user = userEvent.setup();
    const onSave = jest.fn(async () => undefined);
    renderWithApp(
      <SurveyBuilder initialDefinition={THREE} isFrozen box={EXAMPLE_BOX} mapView={mapView} onSave={onSave} />,
    );
    expect(screen.getByText(/فقط متن‌ها را می‌توان اصلاح کرد/)).toBeInTheDocument();
    const first = question('۱');
    expect(within(first).getByRole('button', { name: 'حذف پرسش ۱' })).toBeDisabled();
    expect(within(first).getByRole('button', { name: 'رونوشت از پرسش ۱' })).toBeDisabled();
    expect(within(first).getByRole('button', { name: 'افزودن گزینه' })).toBeDisabled();
    expect(within(first).getByRole('checkbox', { name: 'پاسخ به این پرسش الزامی است' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'افزودن پرسش به بخش ۱' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'افزودن بخش' })).toBeDisabled();
    // Wording fixes pass: the texts of questions and options, in every language.
    const option = within(first).getByRole('group', { name: 'گزینه ۱' });
    await user.type(within(option).getByRole('textbox', { name: 'به انگلیسی' }), 'Bus');
    await user.click(screen.getByRole('button', { name: 'ذخیره پرسشنامه' }));
    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect((onSave.mock.lastCall as unknown as [TSurveyDefinition])[0].sections[0]!.questions[0]).toMatchObject({
      options: [{ id: 'bus', label: { fa: 'اتوبوس', en: 'Bus' } }, { id: 'car' }],
    });
  });
});

describe('the builder’s model', () => {
  it('lists as earlier only the questions before one, and before a section for a section’s condition', () => {
    expect(earlierQuestions(CONDITIONAL_DEFINITION, 0, 2).map((q) => q.id)).toEqual(['pet', 'kind']);
    expect(earlierQuestions(CONDITIONAL_DEFINITION, 1, null)).toHaveLength(11);
    expect(earlierQuestions(CONDITIONAL_DEFINITION, 0, 0)).toEqual([]);
  });

  it('moves a question across the edge of its section', () => {
    const moved = moveQuestion(CONDITIONAL_DEFINITION, 1, 0, -1);
    expect(moved.sections[0]!.questions.at(-1)!.id).toBe('busline');
    expect(moved.sections[1]!.questions).toEqual([]);
  });
});
