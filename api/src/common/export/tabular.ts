/** One cell of an exported table: text, a number (kept numeric), or empty. */
export type Cell = string | number | null;

/** A planner's report as rows under a header, the shape both the CSV and the XLSX writer take. */
export type Table = { sheetName: string; header: string[]; rows: Cell[][] };
