import { passageFromOffsets, passageFromRange, splitAtPassage, textOffsetWithin } from './passage';

// "Citizens want (ZWNJ) more green space in the old neighbourhoods" – with zero-width non-joiners.
const TEXT = 'شهروندان می\u200Cخواهند فضای سبز بیشتری در محله\u200Cهای قدیمی ساخته شود.';
const WORD = 'می\u200Cخواهند';
const AT = TEXT.indexOf(WORD);

function mount(parts: string[]): HTMLElement {
  const element = document.createElement('p');
  for (const [index, part] of parts.entries()) {
    if (index === 1) {
      const mark = document.createElement('mark');
      mark.textContent = part;
      element.append(mark);
    } else element.append(document.createTextNode(part));
  }
  document.body.append(element);
  return element;
}

describe('passage offsets', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('counts a Persian zero-width non-joiner as one UTF-16 unit and never drops it', () => {
    expect(AT).toBe(9);
    const passage = passageFromOffsets(TEXT, AT, AT + WORD.length);
    expect(passage).toEqual({ start: 9, end: 18, quote: WORD });
    expect(passage?.quote).toHaveLength(9);
    expect(TEXT.slice(passage?.start, passage?.end)).toBe(passage?.quote);
  });

  it('maps a DOM selection inside a block to offsets in its raw text, across highlight marks', () => {
    const element = mount(['شهروندان ', 'می\u200Cخواهند', ' فضای سبز بیشتری در محله\u200Cهای قدیمی ساخته شود.']);
    expect(element.textContent).toBe(TEXT);
    const range = document.createRange();
    const markText = element.querySelector('mark')?.firstChild as Text;
    const tail = element.lastChild as Text;
    range.setStart(markText, 3); // after "می‌"
    range.setEnd(tail, ' فضای سبز بیشتری در محله\u200Cهای'.length);
    const passage = passageFromRange(element, TEXT, range);
    expect(passage?.quote).toBe('خواهند فضای سبز بیشتری در محله\u200Cهای');
    expect(passage).toMatchObject({ start: AT + 3, end: AT + 3 + passage!.quote.length });
    expect(TEXT.slice(passage!.start, passage!.end)).toBe(passage!.quote);
  });

  it('trims white space taken by a double click and rejects a blank or outside selection', () => {
    expect(passageFromOffsets(TEXT, AT - 1, AT + WORD.length + 1)).toEqual({
      start: AT,
      end: AT + WORD.length,
      quote: WORD,
    });
    expect(passageFromOffsets(TEXT, AT - 1, AT)).toBeNull();
    const element = mount([TEXT]);
    const outside = document.createElement('span');
    outside.textContent = 'بیرون';
    document.body.append(outside);
    expect(textOffsetWithin(element, { node: outside.firstChild as Text, offset: 1 })).toBeNull();
    expect(textOffsetWithin(element, { node: element, offset: 1 })).toBe(TEXT.length);
  });

  it('splits text around a passage for highlighting, and ignores a passage that does not fit', () => {
    expect(splitAtPassage(TEXT, { start: AT, end: AT + WORD.length })).toEqual([
      'شهروندان ',
      WORD,
      TEXT.slice(AT + WORD.length),
    ]);
    expect(splitAtPassage(TEXT, { start: 5, end: 500 })).toEqual([TEXT, '', '']);
  });
});
