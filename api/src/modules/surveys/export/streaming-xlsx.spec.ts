import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { ByteSink } from '../../../common/export/export-chunks';
import { streamingXlsxWriter } from './streaming-xlsx';

const ROWS = 20_000;
const rows = Array.from({ length: ROWS }, (_, i) => [`پاسخ ${i} — ${'متن بلند '.repeat(i % 7)}`, i, i % 3 === 0 ? null : `=cmd${i}`]);

describe('streamingXlsxWriter (deflating beside the producer)', () => {
  it('writes a workbook an independent reader opens, through a sink that stores slowly', async () => {
    const parts: Buffer[] = [];
    const slowSink: ByteSink = {
      write: async (bytes) => {
        await sleep(1);
        parts.push(Buffer.from(bytes));
      },
    };
    const writer = await streamingXlsxWriter(slowSink, ['متن', 'عدد', 'فرمول'], 'پاسخ‌ها', true);
    for (let i = 0; i < ROWS; i += 1000) await writer.writeRows(rows.slice(i, i + 1000));
    await writer.end();

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(ROWS + 1);
    expect(sheet.getCell('A1').value).toBe('متن');
    expect(sheet.getCell(`A${ROWS + 1}`).value).toBe(rows[ROWS - 1][0]);
    expect(sheet.getCell(`B${ROWS + 1}`).value).toBe(ROWS - 1);
    // Formula-safe: the text that looked like a formula is text with a leading apostrophe.
    expect(sheet.getCell('C3').value).toBe(`'=cmd1`);
  });

  it('fails, instead of hanging, when the sink fails half-way', async () => {
    let writes = 0;
    const failingSink: ByteSink = {
      write: async () => {
        if (++writes === 3) throw new Error('disk full');
      },
    };
    const run = async () => {
      const writer = await streamingXlsxWriter(failingSink, ['متن', 'عدد', 'فرمول'], 'پاسخ‌ها', false);
      for (let i = 0; i < ROWS; i += 1000) await writer.writeRows(rows.slice(i, i + 1000));
      await writer.end();
    };
    await expect(run()).rejects.toThrow('disk full');
  });
});
