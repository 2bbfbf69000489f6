/**
 * The one CSV writer for every file that leaves the system (bank file, reports, audit export):
 * - UTF-8 with a byte-order mark, so Excel in a Chinese locale opens Chinese text correctly;
 * - RFC 4180: CRLF line ends, a cell quoted when it holds a comma, quote, CR or LF, quotes doubled;
 * - a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`,
 *   so a spreadsheet shows it as text instead of running it as a formula (CSV injection). Numbers
 *   (and text that is only a plain number, like `-12.50`) are data, not formulas, and stay as they are.
 */
export type CsvCell = string | number | boolean | null | undefined;

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell as CSV text. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole CSV document: the header row, then one row per record. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** Response headers of a CSV download. */
export function csvHeaders(filename: string): Record<string, string> {
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'no-store',
  };
}
