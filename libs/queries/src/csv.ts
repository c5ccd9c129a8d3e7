export type CsvValue = string | number | boolean | null;

const NEEDS_QUOTES = /[",\r\n]/;

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled; null is empty. */
export const csvField = (value: CsvValue): string => {
  const text = value === null ? '' : String(value);
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
};

/** RFC 4180 text: a header record, then one record per row, every record ended by CRLF. */
export const toCsv = (header: readonly string[], rows: readonly (readonly CsvValue[])[]): string =>
  [header, ...rows].map((record) => `${record.map(csvField).join(',')}\r\n`).join('');
