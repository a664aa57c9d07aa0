import { alignBlocks, anchorsFor, sectionAnchors } from './block-alignment';
import { type BlockInput, sectionsOf } from './edition-blocks';
import { paragraphAnchor } from './paragraph-anchor';

/** The blocks of a first edition and their anchors, as saving a draft computes them. */
function firstEdition(input: BlockInput[]) {
  const blocks = sectionsOf(input).flatMap((s) => s.blocks);
  return { blocks, anchors: anchorsFor(blocks, alignBlocks([], blocks).matches, []) };
}

const block = (text: string) => ({ key: `p\n${text}`, text });

describe('alignBlocks', () => {
  it('keeps equal paragraphs, pairs a reworded one and reports the added and removed', () => {
    const older = [
      block('مقدمه برنامه'),
      block('ایجاد پارک محله‌ای در منطقه سه'),
      block('حذف‌شدنی کاملا'),
      block('پایان'),
    ];
    const newer = [
      block('مقدمه برنامه'),
      block('ایجاد دو پارک محله‌ای در منطقه سه'),
      block('بند تازه درباره حمل و نقل'),
      block('پایان'),
    ];
    const { matches, steps } = alignBlocks(older, newer);
    expect(matches).toEqual([
      { oldIndex: 0, change: 'unchanged' },
      { oldIndex: 1, change: 'modified' },
      { oldIndex: null, change: 'new' },
      { oldIndex: 3, change: 'unchanged' },
    ]);
    expect(steps).toEqual([
      { oldIndex: 0, newIndex: 0 },
      { oldIndex: 1, newIndex: 1 },
      { oldIndex: 2, newIndex: null },
      { oldIndex: null, newIndex: 2 },
      { oldIndex: 3, newIndex: 3 },
    ]);
  });

  it('matches a moved paragraph to itself, so it keeps its lineage, and shows it once', () => {
    const older = [block('الف'), block('ب'), block('ج')];
    const newer = [block('ج'), block('الف'), block('تازه'), block('ب')];
    const { matches, steps } = alignBlocks(older, newer);
    expect(matches.map((m) => [m.oldIndex, m.change])).toEqual([
      [2, 'unchanged'],
      [0, 'unchanged'],
      [null, 'new'],
      [1, 'unchanged'],
    ]);
    expect(steps).toEqual([
      { oldIndex: 2, newIndex: 0 },
      { oldIndex: 0, newIndex: 1 },
      { oldIndex: null, newIndex: 2 },
      { oldIndex: 1, newIndex: 3 },
    ]);
  });

  it('does not pair blocks of different kinds or too different texts', () => {
    const { matches } = alignBlocks(
      [{ key: 'ul\nالف ب', text: 'الف ب' }, block('یک دو سه')],
      [block('الف ب'), block('چهار پنج شش')],
    );
    expect(matches.every((m) => m.change === 'new')).toBe(true);
  });
});

describe('anchorsFor', () => {
  it('inherits anchors of matched blocks and numbers new ones past taken anchors', () => {
    const newer = [block('الف'), block('ب'), block('ب')];
    const anchors = anchorsFor(
      newer,
      [
        { oldIndex: 0, change: 'modified' },
        { oldIndex: null, change: 'new' },
        { oldIndex: null, change: 'new' },
      ],
      ['old-anchor'],
    );
    expect(anchors[0]).toBe('old-anchor');
    expect(anchors[1]).toMatch(/-1$/);
    expect(anchors[2]).toMatch(/-2$/);
  });
});

describe('anchors of a first edition', () => {
  it('numbers repeated texts in reading order across sections and keeps the blocks', () => {
    const { blocks, anchors } = firstEdition([
      { kind: 'heading', level: 1, text: 'یک' },
      { kind: 'paragraph', text: 'تکرار' },
      { kind: 'list', ordered: false, items: ['تکرار'] },
      { kind: 'heading', level: 1, text: 'دو' },
      { kind: 'paragraph', text: 'تكرار' },
      { kind: 'table', rows: [['a', 'b']] },
    ]);
    expect(blocks[0]).toMatchObject({ kind: 'paragraph', text: 'تکرار' });
    expect(anchors[0]).toBe(paragraphAnchor(blocks[0].key, 1));
    expect(anchors[2]).toBe(paragraphAnchor(blocks[0].key, 2));
    expect(anchors[1]).not.toBe(anchors[0]);
    expect(blocks[3]).toMatchObject({ kind: 'table', content: { rows: [['a', 'b']] } });
    expect(new Set(anchors).size).toBe(4);
  });
});

describe('sectionAnchors', () => {
  it('names the untitled section start and numbers repeated headings', () => {
    const [start, a, b] = sectionAnchors([null, 'کلیات', 'کلیات']);
    expect(start).toBe('start');
    expect(a).not.toBe(b);
  });
});
