import { Injectable } from '@nestjs/common';
import type { ByteSink } from '../../../common/export/export-chunks';
import type { DemandExportRow } from '../export/demand-export.repository';
import { reportDocument } from './demand-report-document';
import { reportDocx, reportPdf } from './demand-report-render';
import { DemandReportRepository } from './demand-report.repository';

/** The report's steps, as the progress bar counts them: figures, document, file. */
const STEPS = 3;

/**
 * The supporting-document report «سند پشتیبان: مطالبات دسته‌بندی‌شده» of the filtered demands:
 * figures aggregated by PostgreSQL, words in the planner's language, a PDF through Typst or a DOCX.
 * Run by the demands export job, which stores and serves the file.
 */
@Injectable()
export class DemandReportService {
  constructor(private readonly repository: DemandReportRepository) {}

  /** Writes the report into the sink; returns how many demands it covers. */
  async write(
    sink: ByteSink,
    row: Pick<DemandExportRow, 'organizationId' | 'locale' | 'filter' | 'format'>,
    progress: (done: number, total: number) => Promise<void>,
  ): Promise<number> {
    await progress(0, STEPS);
    const [{ timeZone }] = await this.repository.db.query(`SELECT time_zone AS "timeZone" FROM organization WHERE id = $1`, [
      row.organizationId,
    ]);
    const figures = await this.repository.figures(row.organizationId, timeZone, row.locale, row.filter);
    await progress(1, STEPS);
    const doc = reportDocument(figures, row.locale, timeZone);
    await progress(2, STEPS);
    const bytes = row.format === 'pdf' ? reportPdf(doc) : await reportDocx(doc);
    await sink.write(bytes);
    await progress(STEPS, STEPS);
    return figures.total;
  }
}
