import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TEditionDiff } from '@hamandishi/contracts';
import { renderWithApp } from '../../../../test/render';
import { DiffView } from './diff-view';

const DIFF: TEditionDiff = {
  from: 1,
  to: 2,
  changeSummary: 'هدف حمل‌ونقل عمومی بلندپروازانه‌تر شد.',
  blocks: [
    {
      change: 'unchanged',
      heading: 'وضع موجود',
      fromAnchor: 'a1',
      toAnchor: 'a1',
      runs: [{ op: 'equal', text: 'شهروندان فضای سبز می‌خواهند.' }],
    },
    {
      change: 'modified',
      heading: 'وضع موجود',
      fromAnchor: 'a2',
      toAnchor: 'a2',
      runs: [
        { op: 'equal', text: 'حمل‌ونقل عمومی باید تا سال ۱۴۱۰ ' },
        { op: 'delete', text: 'دو' },
        { op: 'insert', text: 'سه' },
        { op: 'equal', text: ' برابر شود.' },
      ],
    },
    {
      change: 'added',
      heading: 'خواسته‌ها',
      fromAnchor: null,
      toAnchor: 'a3',
      runs: [{ op: 'equal', text: 'پیاده‌راه چهارباغ گسترش یابد.' }],
    },
    {
      change: 'removed',
      heading: 'خواسته‌ها',
      fromAnchor: 'a4',
      toAnchor: null,
      runs: [{ op: 'equal', text: 'پارکینگ طبقاتی ساخته شود.' }],
    },
  ],
  counts: { added: 1, removed: 1, modified: 1, unchanged: 1 },
};

describe('DiffView', () => {
  it('marks inserted and deleted words with <ins>/<del> and words for screen readers, shows counts, and filters changes only', async () => {
    const { container } = renderWithApp(<DiffView diff={DIFF} readingPath="/isfahan/consultations/c1" />);
    expect(screen.getByText('هدف حمل‌ونقل عمومی بلندپروازانه‌تر شد.')).toBeInTheDocument();
    const counts = screen.getByRole('list', { name: 'شمار تغییرها' });
    expect(within(counts).getByText('بند افزوده: ۱')).toBeInTheDocument();
    expect(within(counts).getByText('بند تغییرکرده: ۱')).toBeInTheDocument();

    const modified = container.querySelector('[data-change="modified"]') as HTMLElement;
    expect(modified.querySelector('del')).toHaveTextContent('[حذف‌شده: دو]');
    expect(modified.querySelector('ins')).toHaveTextContent('[افزوده: سه]');
    expect(container.querySelector('[data-change="added"] ins')).toHaveTextContent('پیاده‌راه چهارباغ گسترش یابد.');
    expect(container.querySelector('[data-change="removed"] del')).toHaveTextContent('پارکینگ طبقاتی ساخته شود.');
    // Each block links to where it stands: the newer edition, or the older one for a removed block.
    expect(within(modified).getByRole('link', { name: 'خواندن در ویراست ۲ و دیدگاه‌هایش' })).toHaveAttribute(
      'href',
      '/isfahan/consultations/c1?edition=2#p-a2',
    );
    expect(within(container.querySelector('[data-change="removed"]') as HTMLElement).getByRole('link')).toHaveAttribute(
      'href',
      '/isfahan/consultations/c1?edition=1#p-a4',
    );

    // "Changes only" is on: the unchanged block is left out until it is turned off.
    expect(screen.queryByText('شهروندان فضای سبز می‌خواهند.')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: 'فقط بندهای تغییرکرده' }));
    expect(screen.getByText('شهروندان فضای سبز می‌خواهند.')).toBeInTheDocument();
    expect(container.querySelectorAll('li[data-change]')).toHaveLength(4);
  });
});
