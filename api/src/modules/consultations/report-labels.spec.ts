import { ALIGNMENTS, AMENDMENT_STATUSES, COMMENT_OUTCOMES, LOCALES, REPORT_CAPACITIES } from '@hamandishi/contracts';
import { formatReportDate, formatReportNumber, reportLabels } from './report-labels';

describe('report labels', () => {
  it.each(LOCALES)('names every capacity, stance, outcome and amendment status in %s', (locale) => {
    const labels = reportLabels(locale);
    for (const capacity of REPORT_CAPACITIES) expect(labels.capacities[capacity]).toMatch(/\S/);
    for (const alignment of [...ALIGNMENTS, 'none'] as const) expect(labels.alignments[alignment]).toMatch(/\S/);
    for (const outcome of COMMENT_OUTCOMES) expect(labels.outcomes[outcome]).toMatch(/\S/);
    for (const status of AMENDMENT_STATUSES) expect(labels.amendmentStatuses[status]).toMatch(/\S/);
    // No label is left as the code it translates.
    const words = [
      ...Object.values(labels.capacities),
      ...Object.values(labels.alignments),
      ...Object.values(labels.outcomes),
      ...Object.values(labels.amendmentStatuses),
    ];
    for (const code of [...REPORT_CAPACITIES, ...ALIGNMENTS, ...COMMENT_OUTCOMES, ...AMENDMENT_STATUSES])
      expect(words).not.toContain(code);
  });

  it('writes dates on the Tehran wall clock in the reader’s calendar and digits', () => {
    const instant = '2026-12-02T08:30:13.867Z';
    expect(formatReportDate(instant, 'fa')).toBe('۱۴۰۵/۰۹/۱۱, ۱۲:۰۰');
    expect(formatReportDate(instant, 'ar')).toContain('١٤٠٥');
    expect(formatReportDate(instant, 'en')).toBe('02/12/2026, 12:00');
  });

  it('names a paragraph as the printed report does', () => {
    expect(
      reportLabels('fa').paragraph(
        reportLabels('fa').section(formatReportNumber(2, 'fa')),
        formatReportNumber(3, 'fa'),
      ),
    ).toBe('بخش ۲ › بند ۳');
    expect(reportLabels('en').paragraph(reportLabels('en').section('2'), '3')).toBe('Section 2 › paragraph 3');
  });
});
