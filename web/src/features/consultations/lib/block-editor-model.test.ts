import {
  addTableColumn,
  addTableRow,
  emptyBlock,
  firstIncompleteBlock,
  moveBlock,
  toEditorBlocks,
  toSaveEdition,
} from './block-editor-model';

describe('the block editor model', () => {
  it('keeps blocks in place when moved past either end', () => {
    const blocks = toEditorBlocks([
      { kind: 'paragraph', text: 'یک' },
      { kind: 'paragraph', text: 'دو' },
    ]);
    expect(moveBlock(blocks, 0, -1).map((b) => b.key)).toEqual(blocks.map((b) => b.key));
    expect(moveBlock(blocks, 1, 1).map((b) => b.key)).toEqual(blocks.map((b) => b.key));
    expect(moveBlock(blocks, 1, -1).map((b) => b.key)).toEqual([blocks[1]!.key, blocks[0]!.key]);
  });

  it('grows a ragged table to a full row and adds a column to every row', () => {
    expect(addTableRow([['a', 'b'], ['c']])).toEqual([['a', 'b'], ['c'], ['', '']]);
    expect(addTableColumn([['a'], ['b']])).toEqual([
      ['a', ''],
      ['b', ''],
    ]);
  });

  it('finds the first block that would save empty', () => {
    const blocks = toEditorBlocks([
      { kind: 'heading', level: 1, text: 'عنوان' },
      { kind: 'list', ordered: false, items: ['پارک'] },
    ]);
    expect(firstIncompleteBlock(blocks)).toBe(-1);
    expect(firstIncompleteBlock([...blocks, emptyBlock('table')])).toBe(2);
    expect(firstIncompleteBlock([...blocks, emptyBlock('image')])).toBe(2);
    expect(firstIncompleteBlock([emptyBlock('list'), ...blocks])).toBe(0);
  });

  it('saves trimmed text, drops blank list items, and leaves out a blank change summary', () => {
    const blocks = toEditorBlocks([{ kind: 'list', ordered: true, items: [' پارک ', '  ', 'پیاده\u200Cراه'] }]);
    expect(toSaveEdition(' گزارش ', '   ', blocks)).toEqual({
      title: 'گزارش',
      blocks: [{ kind: 'list', ordered: true, items: ['پارک', 'پیاده\u200Cراه'] }],
    });
  });
});
