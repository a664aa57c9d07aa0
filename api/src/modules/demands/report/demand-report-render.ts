import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import * as echarts from 'echarts';
import sharp from 'sharp';
import type { ReportDocument, ReportTable } from './demand-report-document';

/** The font of the report: Vazirmatn (OFL), a dependency of the API, so Persian is shaped the same everywhere. */
const FONT = 'Vazirmatn';
/** The virtual folder the Typst compiler reads the report's data and charts from (nothing on disk). */
const WORKSPACE = '/demand-report';
/** Categories a chart shows (the table beside it lists them all). */
const CHART_BARS = 12;

let compiler: NodeCompiler | null = null;

/** One Typst compiler per process, with Vazirmatn loaded from the package's files. */
function typst(): NodeCompiler {
  if (!compiler) {
    const fonts = ['Regular', 'Bold'].map((w) => readFileSync(require.resolve(`vazirmatn/fonts/ttf/Vazirmatn-${w}.ttf`)));
    compiler = NodeCompiler.create({ workspace: WORKSPACE, fontArgs: [{ fontBlobs: fonts }] });
  }
  return compiler;
}

/** The size ECharts draws a chart at (CSS pixels), for the PDF's SVG and the DOCX's PNG alike. */
function chartSize(bars: number): { width: number; height: number } {
  return { width: 560, height: 40 + 26 * Math.min(bars, CHART_BARS) };
}
/** Pixels per CSS pixel of the DOCX's PNG charts: sharp on screens and in print. */
const CHART_SCALE = 2;

let isFontconfigSet = false;

/**
 * librsvg (inside sharp) finds fonts through fontconfig, which knows only the system's fonts:
 * without Vazirmatn it falls back to whatever has Arabic letters (DejaVu here, nothing in a slim
 * container) and the charts would not look like the rest of the report. A fontconfig file naming
 * Vazirmatn's folder (and the system's fonts after it) is written once; fontconfig reads
 * FONTCONFIG_FILE when it first lays out text, so this runs before the first chart. An operator's
 * own FONTCONFIG_FILE is left alone.
 */
function useReportFonts(): void {
  if (isFontconfigSet || process.env.FONTCONFIG_FILE) return;
  const folder = join(tmpdir(), 'hamandishi-fonts');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'fonts.conf');
  const fonts = dirname(require.resolve('vazirmatn/fonts/ttf/Vazirmatn-Regular.ttf'));
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${fonts}</dir>` +
      `<include ignore_missing="yes">/etc/fonts/fonts.conf</include><cachedir>${join(folder, 'cache')}</cachedir></fontconfig>\n`,
  );
  process.env.FONTCONFIG_FILE = file;
  isFontconfigSet = true;
}

/** A chart as PNG for the DOCX (Word's oldest readers show no SVG), rasterised by sharp from the PDF's SVG. */
export async function barChartPng(chart: NonNullable<ReportTable['chart']>, isRtl: boolean): Promise<{ png: Buffer; width: number; height: number }> {
  useReportFonts();
  const { width, height } = chartSize(chart.labels.length);
  const png = await sharp(Buffer.from(barChartSvg(chart, isRtl), 'utf8'), { density: 72 * CHART_SCALE })
    .flatten({ background: '#ffffff' })
    .png()
    .toBuffer();
  return { png, width, height };
}

/**
 * A horizontal bar chart as SVG, rendered by ECharts without a browser. ECharts has no RTL mode:
 * for Persian and Arabic the value axis runs from the right and the labels stand on the right.
 */
export function barChartSvg(chart: NonNullable<ReportTable['chart']>, isRtl: boolean): string {
  const labels = chart.labels.slice(0, CHART_BARS).reverse();
  const values = chart.values.slice(0, CHART_BARS).reverse();
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, ...chartSize(labels.length) });
  try {
    instance.setOption({
      animation: false,
      textStyle: { fontFamily: FONT, fontSize: 11 },
      // ECharts' own option names (a chart has no RTL mode; the axes are turned above), not CSS.
      // eslint-disable-next-line no-restricted-syntax
      grid: { left: 12, right: 12, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: 'value', inverse: isRtl, minInterval: 1 },
      yAxis: { type: 'category', position: isRtl ? 'right' : 'left', data: labels, axisTick: { show: false } },
      series: [{ type: 'bar', data: values, itemStyle: { color: '#2f6f8f' }, barMaxWidth: 18 }],
    });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

// The document reads every word from data.json: user text is data, never Typst markup. Paths
// are from the workspace root, where reportPdf maps the files.
const TEMPLATE = `
#let data = json("/data.json")
#set document(title: data.title)
#set page(paper: "a4", margin: (x: 2cm, y: 2cm), numbering: "1")
#set text(font: "${FONT}", lang: data.locale, dir: if data.isRtl { rtl } else { ltr }, size: 10.5pt)
#set par(justify: true)
#set table(inset: 5pt, stroke: 0.5pt + luma(160))
#align(center, text(size: 17pt, weight: "bold", data.title))
#align(center, data.subtitle)
#align(center, text(size: 9pt, data.generated))
#heading(level: 1, data.summaryTitle)
#data.summary
#heading(level: 1, data.methodTitle)
#for p in data.method { par(p) }
#for (i, t) in data.tables.enumerate() {
  heading(level: 1, t.title)
  table(columns: t.header.len(), ..t.header.map(h => strong(h)), ..t.rows.flatten())
  if t.chart != none { align(center, image("/chart-" + str(i) + ".svg", width: 85%)) }
}
#heading(level: 1, data.groupsTitle)
#if data.groups.len() == 0 { par(data.noGroups) }
#for g in data.groups {
  heading(level: 2, g.title)
  for q in g.quotes { quote(block: true, "«" + q + "»") }
}
`;

/** The report as a PDF through Typst (correct Persian shaping and bidi), charts as SVG images. */
export function reportPdf(doc: ReportDocument): Buffer {
  const c = typst();
  const files: string[] = [];
  // Everything below is synchronous: another report of this process cannot swap the files meanwhile.
  try {
    const map = (name: string, content: string) => {
      const path = `${WORKSPACE}/${name}`;
      c.mapShadow(path, Buffer.from(content, 'utf8'));
      files.push(path);
    };
    map('data.json', JSON.stringify(doc));
    doc.tables.forEach((t, i) => {
      if (t.chart) map(`chart-${i}.svg`, barChartSvg(t.chart, doc.isRtl));
    });
    const result = c.compile({ mainFileContent: TEMPLATE });
    const compiled = result.result;
    if (result.hasError() || !compiled) {
      const error = result.takeError();
      throw new Error(`Typst could not compile the report: ${error ? JSON.stringify(error.shortDiagnostics ?? error) : 'unknown'}`);
    }
    return c.pdf(compiled);
  } finally {
    for (const path of files) c.unmapShadow(path);
    c.evictCache(10);
  }
}

/** The report as DOCX: bidirectional paragraphs, right-to-left runs and tables for Persian and Arabic. */
export async function reportDocx(doc: ReportDocument): Promise<Buffer> {
  const rtl = doc.isRtl;
  const align = rtl ? AlignmentType.RIGHT : AlignmentType.LEFT;
  const run = (text: string, options: { bold?: boolean; size?: number; italics?: boolean } = {}) =>
    new TextRun({ text, rightToLeft: rtl, font: FONT, ...options });
  const para = (text: string, options: { bold?: boolean; size?: number; italics?: boolean } = {}) =>
    new Paragraph({ bidirectional: rtl, alignment: align, children: [run(text, options)] });
  const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
    new Paragraph({ bidirectional: rtl, alignment: align, heading: level, children: [run(text, { bold: true })] });
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ bidirectional: rtl, alignment: align, children: [run(text, { bold })] })] });
  const table = (t: ReportTable) =>
    new Table({
      visuallyRightToLeft: rtl,
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: t.header.map((h) => cell(h, true)) }),
        ...t.rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) })),
      ],
    });

  const children: (Paragraph | Table)[] = [
    new Paragraph({ bidirectional: rtl, alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, children: [run(doc.title, { bold: true, size: 34 })] }),
    new Paragraph({ bidirectional: rtl, alignment: AlignmentType.CENTER, children: [run(doc.subtitle)] }),
    new Paragraph({ bidirectional: rtl, alignment: AlignmentType.CENTER, children: [run(doc.generated, { size: 18 })] }),
    heading(doc.summaryTitle, HeadingLevel.HEADING_1),
    para(doc.summary),
    heading(doc.methodTitle, HeadingLevel.HEADING_1),
    ...doc.method.map((p) => para(p)),
  ];
  for (const t of doc.tables) {
    children.push(heading(t.title, HeadingLevel.HEADING_1), table(t));
    if (t.chart) {
      // The same chart as the PDF's, under its table; the alternative text is the table's title.
      const { png, width, height } = await barChartPng(t.chart, rtl);
      children.push(
        new Paragraph({
          bidirectional: rtl,
          alignment: AlignmentType.CENTER,
          children: [new ImageRun({ type: 'png', data: png, transformation: { width, height }, altText: { name: t.title, description: t.title, title: t.title } })],
        }),
      );
    }
  }
  children.push(heading(doc.groupsTitle, HeadingLevel.HEADING_1));
  if (doc.groups.length === 0) children.push(para(doc.noGroups));
  for (const g of doc.groups) {
    children.push(heading(g.title, HeadingLevel.HEADING_2), ...g.quotes.map((q) => para(`«${q}»`, { italics: true })));
  }
  const file = new Document({
    title: doc.title,
    styles: { default: { document: { run: { font: FONT, rightToLeft: rtl } } } },
    sections: [{ properties: {}, children }],
  });
  return Packer.toBuffer(file);
}
