import { crc32, deflateRawSync } from 'node:zlib';
import { alignBlocks, anchorsFor } from '../editions/block-alignment';
import { blocksFromImport, sectionsOf } from '../editions/edition-blocks';
import { DocxError, docxToDocument } from './docx-to-document';

type Part = { name: string; data: string | Buffer; stored?: boolean; declaredSize?: number };

/** A real ZIP archive (deflated unless `stored`), with sizes as declared unless overridden. */
function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const raw = Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data, 'utf8');
    const data = part.stored ? raw : deflateRawSync(raw);
    const name = Buffer.from(part.name, 'utf8');
    const method = part.stored ? 0 : 8;
    const size = part.declaredSize ?? raw.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`;

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

const STYLES = `<?xml version="1.0" encoding="UTF-8"?>
<w:styles ${W}>
<w:style w:type="paragraph" w:styleId="a1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Titr2"><w:name w:val="تیتر ۲"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
</w:styles>`;

const NUMBERING = `<?xml version="1.0" encoding="UTF-8"?>
<w:numbering ${W}>
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>`;

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const p = (text: string, pPr = '') =>
  `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
const heading = (style: string, text: string) => p(text, `<w:pStyle w:val="${style}"/>`);
const item = (numId: number, text: string) =>
  p(text, `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr>`);
const table = (rows: string[][]) =>
  `<w:tbl><w:tblPr/>${rows.map((r) => `<w:tr>${r.map((c) => `<w:tc><w:tcPr/>${p(c)}</w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`;
const documentXml = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`;

function docx(body: string, extra: Part[] = []): Buffer {
  return zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: 'word/document.xml', data: documentXml(body) },
    { name: 'word/styles.xml', data: STYLES },
    { name: 'word/numbering.xml', data: NUMBERING },
    ...extra,
  ]);
}

function refusal(bytes: Buffer): string {
  try {
    docxToDocument(bytes);
  } catch (error) {
    if (error instanceof DocxError) return error.code;
    throw error;
  }
  throw new Error('expected a DocxError');
}

describe('docxToDocument', () => {
  it('splits a Persian stage report into sections of paragraphs, lists and tables', () => {
    const body = [
      p('مقدمهٔ گزارش'),
      heading('a1', 'گزارش مرحلهٔ اول'),
      // Arabic ي and ك, a ZWNJ in می‌شود, a tab and a line break.
      `<w:p><w:r><w:t>پارك محلي</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">ساخته می‌شود</w:t><w:br/><w:t>سطر دوم</w:t></w:r></w:p>`,
      p('   '),
      '<w:p/>',
      item(1, 'پیاده‌راه'),
      item(1, 'دوچرخه'),
      item(2, 'گام اول'),
      item(2, 'گام دوم'),
      heading('Titr2', 'جدول هزینه‌ها'),
      table([
        ['محله', 'بودجه'],
        ['نارمك', '۱۲۰'],
      ]),
      heading('Heading3', 'پیوست'),
      p('متن پیوست'),
    ].join('');

    expect(docxToDocument(docx(body))).toEqual({
      sections: [
        { heading: null, level: 0, blocks: [{ kind: 'paragraph', text: 'مقدمهٔ گزارش' }] },
        {
          heading: 'گزارش مرحلهٔ اول',
          level: 1,
          blocks: [
            { kind: 'paragraph', text: 'پارک محلی ساخته می‌شود\nسطر دوم' },
            { kind: 'list', ordered: false, items: ['پیاده‌راه', 'دوچرخه'] },
            { kind: 'list', ordered: true, items: ['گام اول', 'گام دوم'] },
          ],
        },
        {
          heading: 'جدول هزینه‌ها',
          level: 2,
          blocks: [
            {
              kind: 'table',
              rows: [
                ['محله', 'بودجه'],
                ['نارمک', '۱۲۰'],
              ],
            },
          ],
        },
        { heading: 'پیوست', level: 3, blocks: [{ kind: 'paragraph', text: 'متن پیوست' }] },
      ],
    });
  });

  it('leaves out an empty preamble and treats numbering without numbering.xml as bullets', () => {
    const bytes = zip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      {
        name: 'word/document.xml',
        data: documentXml(heading('Heading1', 'عنوان') + item(7, 'یک') + item(7, 'دو')),
        stored: true,
      },
    ]);
    expect(docxToDocument(bytes)).toEqual({
      sections: [{ heading: 'عنوان', level: 1, blocks: [{ kind: 'list', ordered: false, items: ['یک', 'دو'] }] }],
    });
  });

  it('keeps markup typed as text as plain text, decoding only XML entities', () => {
    const body = p('<script>alert("x")</script> & <b>') + `<w:p><w:r><w:t>&#1601;&#x627;&amp;lt;</w:t></w:r></w:p>`;
    expect(docxToDocument(docx(body)).sections[0].blocks).toEqual([
      { kind: 'paragraph', text: '<script>alert("x")</script> & <b>' },
      { kind: 'paragraph', text: 'فا&lt;' },
    ]);
  });

  it('ignores deleted revisions and field instructions', () => {
    const body =
      '<w:p><w:del><w:r><w:delText>حذف</w:delText></w:r></w:del><w:ins><w:r><w:t>افزوده</w:t></w:r></w:ins>' +
      '<w:r><w:instrText> PAGE </w:instrText></w:r></w:p>';
    expect(docxToDocument(docx(body)).sections[0].blocks).toEqual([{ kind: 'paragraph', text: 'افزوده' }]);
  });

  it('refuses a text file renamed .docx', () => {
    expect(refusal(Buffer.from('این یک فایل متنی است\n'.repeat(20), 'utf8'))).toBe('not_docx');
  });

  it('refuses a ZIP without word/document.xml', () => {
    expect(refusal(zip([{ name: '[Content_Types].xml', data: CONTENT_TYPES }]))).toBe('not_docx');
  });

  it('refuses a document with macros', () => {
    expect(refusal(docx(p('متن'), [{ name: 'word/vbaProject.bin', data: Buffer.from([1, 2, 3]) }]))).toBe('macros');
  });

  it('refuses an archive whose declared sizes exceed 40 MiB before inflating anything', () => {
    const bomb = { name: 'word/media/huge.bin', data: Buffer.alloc(10), declaredSize: 41 * 1024 * 1024, stored: true };
    expect(refusal(docx(p('متن'), [bomb]))).toBe('too_large');
  });

  it('refuses a document.xml over 12 MiB, and another XML part over 2 MiB, by their declared sizes', () => {
    const text = 'متن'.repeat(1000);
    const big = zip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name: 'word/document.xml', data: documentXml(p(text)), declaredSize: 12 * 1024 * 1024 + 1 },
    ]);
    expect(refusal(big)).toBe('too_large');
    const numbering = {
      name: 'word/numbering.xml',
      data: Buffer.alloc(10),
      declaredSize: 2 * 1024 * 1024 + 1,
      stored: true,
    };
    expect(refusal(docx(p(text), [numbering]))).toBe('too_large');
  });

  it('refuses a zip bomb by its compression ratio before inflating it', () => {
    // 8 MiB of one repeated paragraph deflates to a few KiB: no real document compresses so.
    const body = p('یک بند تکراری. '.repeat(20)).repeat((8 * 1024 * 1024) / 600);
    const bytes = zip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name: 'word/document.xml', data: documentXml(body) },
    ]);
    expect(bytes.length).toBeLessThan(100 * 1024);
    expect(refusal(bytes)).toBe('too_large');
  });

  it('refuses an archive of more than 1,000 entries', () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ name: `x/${i}`, data: '', stored: true }));
    expect(refusal(docx(p('متن'), many))).toBe('too_large');
  });

  it('refuses a part that inflates past its declared size', () => {
    const bytes = zip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name: 'word/document.xml', data: documentXml(p('متن'.repeat(1000))), declaredSize: 100 },
    ]);
    expect(refusal(bytes)).toBe('not_docx');
  });

  it('refuses a DOCTYPE (no entity expansion, no external entities)', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;">]>
<w:document ${W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>`;
    const bytes = zip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name: 'word/document.xml', data: laughs },
    ]);
    expect(refusal(bytes)).toBe('unsafe_xml');
  });

  it('refuses malformed XML and unknown entities', () => {
    const broken = (xml: string) =>
      zip([
        { name: '[Content_Types].xml', data: CONTENT_TYPES },
        { name: 'word/document.xml', data: xml },
      ]);
    expect(refusal(broken(`<w:document ${W}><w:body><w:p></w:body></w:document>`))).toBe('not_docx');
    expect(refusal(broken(documentXml('<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>')))).toBe('not_docx');
  });
});

describe('anchors of an imported document', () => {
  it('stay the same for a paragraph that moved between two editions', () => {
    // Anchored as saving a draft does: the next edition aligned with the first.
    const blocksOf = (xml: string) =>
      sectionsOf(blocksFromImport(docxToDocument(docx(xml)), () => undefined)).flatMap((s) => s.blocks);
    const firstBlocks = blocksOf(heading('a1', 'بخش') + p('پاراگراف الف') + p('پاراگراف ب'));
    const firstAnchors = anchorsFor(firstBlocks, alignBlocks([], firstBlocks).matches, []);
    // The next edition: ب moved first and a new paragraph came in between.
    const nextBlocks = blocksOf(heading('a1', 'بخش') + p('پاراگراف ب') + p('تازه') + p('پاراگراف الف'));
    const nextAnchors = anchorsFor(nextBlocks, alignBlocks(firstBlocks, nextBlocks).matches, firstAnchors);
    const first = { blocks: firstBlocks, anchors: firstAnchors };
    const next = { blocks: nextBlocks, anchors: nextAnchors };
    const anchorOf = (doc: typeof first, text: string) => doc.anchors[doc.blocks.findIndex((b) => b.text === text)];
    expect(anchorOf(next, 'پاراگراف الف')).toBe(anchorOf(first, 'پاراگراف الف'));
    expect(anchorOf(next, 'پاراگراف ب')).toBe(anchorOf(first, 'پاراگراف ب'));
    expect(anchorOf(first, 'پاراگراف الف')).not.toBe(anchorOf(first, 'پاراگراف ب'));
  });
});
