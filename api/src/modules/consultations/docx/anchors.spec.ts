import { assignAnchors, paragraphAnchor } from './anchors';

describe('paragraphAnchor', () => {
  it('is 8 hex characters of the text key and the occurrence', () => {
    expect(paragraphAnchor('پارک محله', 1)).toMatch(/^[0-9a-f]{8}-1$/);
  });

  it('does not change with spelling variants that mean the same text', () => {
    expect(paragraphAnchor('پارك محلي مي‌سازيم', 1)).toBe(paragraphAnchor('پارک محلی میسازیم', 1));
    expect(paragraphAnchor('بودجه ۱۲۰', 1)).toBe(paragraphAnchor('بودجه 120', 1));
  });

  it('differs for different texts and different occurrences', () => {
    expect(paragraphAnchor('الف', 1)).not.toBe(paragraphAnchor('ب', 1));
    expect(paragraphAnchor('الف', 1)).not.toBe(paragraphAnchor('الف', 2));
  });
});

describe('assignAnchors', () => {
  it('numbers repeated texts in reading order across sections and keeps the blocks', () => {
    const anchored = assignAnchors({
      sections: [
        {
          heading: 'یک',
          level: 1,
          blocks: [
            { kind: 'paragraph', text: 'تکرار' },
            { kind: 'list', ordered: false, items: ['تکرار'] },
          ],
        },
        {
          heading: 'دو',
          level: 1,
          blocks: [
            { kind: 'paragraph', text: 'تكرار' },
            { kind: 'table', rows: [['a', 'b']] },
          ],
        },
      ],
    });
    const [one, two] = anchored.sections;
    expect(one.blocks[0]).toEqual({ kind: 'paragraph', text: 'تکرار', anchor: paragraphAnchor('تکرار', 1) });
    expect(two.blocks[0].anchor).toBe(paragraphAnchor('تکرار', 2));
    expect(one.blocks[1].anchor).not.toBe(one.blocks[0].anchor);
    expect(two.blocks[1]).toMatchObject({ kind: 'table', rows: [['a', 'b']] });
    expect(new Set([...one.blocks, ...two.blocks].map((b) => b.anchor)).size).toBe(4);
  });
});
