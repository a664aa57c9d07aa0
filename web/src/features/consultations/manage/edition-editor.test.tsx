import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TSaveEdition } from '@hamandishi/contracts';
import { renderWithApp } from '../../../../test/render';
import { toEditorBlocks } from '../lib/block-editor-model';
import { EditionEditor } from './edition-editor';

describe('EditionEditor', () => {
  it('adds, edits, moves and removes blocks and saves them in order as TSaveEdition', async () => {
    const onSave = jest.fn<void, [TSaveEdition]>();
    renderWithApp(
      <EditionEditor
        slug="isfahan"
        activityId="5a000000-0000-4000-8000-000000000001"
        initial={{
          title: 'گزارش مرحله شناخت',
          changeSummary: '',
          blocks: toEditorBlocks([
            { kind: 'heading', level: 1, text: 'وضع موجود' },
            { kind: 'paragraph', text: 'بند نخست' },
          ]),
        }}
        isSaving={false}
        onSave={onSave}
      />,
    );
    const user = userEvent.setup();

    // A new paragraph at the end, typed with a ZWNJ, then moved above "بند نخست".
    await user.click(screen.getByRole('button', { name: '+ بند' }));
    let blocks = screen.getAllByTestId('editor-block');
    expect(blocks).toHaveLength(3);
    await user.type(within(blocks[2]!).getByRole('textbox', { name: 'متن بند' }), 'محله‌های قدیمی');
    await user.click(screen.getByRole('button', { name: 'بالا بردن بخش ۳' }));

    // A list with two items, ordered.
    await user.click(screen.getByRole('button', { name: '+ فهرست' }));
    blocks = screen.getAllByTestId('editor-block');
    await user.type(within(blocks[3]!).getByRole('textbox', { name: 'مورد ۱' }), 'پارک');
    await user.click(within(blocks[3]!).getByRole('button', { name: 'افزودن مورد' }));
    await user.type(within(blocks[3]!).getByRole('textbox', { name: 'مورد ۲' }), 'پیاده‌راه');
    await user.click(within(blocks[3]!).getByRole('checkbox', { name: 'فهرست شماره‌دار' }));

    // A table grown by a column, then the heading removed.
    await user.click(screen.getByRole('button', { name: '+ جدول' }));
    blocks = screen.getAllByTestId('editor-block');
    await user.click(within(blocks[4]!).getByRole('button', { name: 'افزودن ستون' }));
    await user.type(within(blocks[4]!).getByRole('textbox', { name: 'خانهٔ ردیف ۱، ستون ۳' }), 'جمع');
    await user.click(screen.getByRole('button', { name: 'حذف بخش ۱' }));
    await user.type(screen.getByRole('textbox', { name: 'خلاصهٔ تغییرها نسبت به ویراست پیشین' }), 'یک بند افزوده شد.');

    await user.click(screen.getByRole('button', { name: 'ذخیرهٔ پیش‌نویس' }));
    expect(onSave).toHaveBeenCalledWith({
      title: 'گزارش مرحله شناخت',
      changeSummary: 'یک بند افزوده شد.',
      blocks: [
        { kind: 'paragraph', text: 'محله‌های قدیمی' },
        { kind: 'paragraph', text: 'بند نخست' },
        { kind: 'list', ordered: true, items: ['پارک', 'پیاده‌راه'] },
        {
          kind: 'table',
          rows: [
            ['', '', 'جمع'],
            ['', '', ''],
          ],
        },
      ],
    });
  }, 20_000);

  it('refuses to save an empty paragraph and says which block', async () => {
    const onSave = jest.fn();
    renderWithApp(
      <EditionEditor
        slug="isfahan"
        activityId="5a000000-0000-4000-8000-000000000001"
        initial={{ title: 'گزارش', changeSummary: '', blocks: [] }}
        isSaving={false}
        onSave={onSave}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: '+ بند' }));
    await userEvent.click(screen.getByRole('button', { name: 'ذخیرهٔ پیش‌نویس' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByText('بخش ۱ کامل نیست: متن آن خالی است یا تصویری ندارد.')).toBeInTheDocument();
  });
});
