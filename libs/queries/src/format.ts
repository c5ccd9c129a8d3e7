/** Any ISO time → UTC to the second (`2026-01-01T10:00:00Z`): reads better in reports. */
export const shortTime = (iso: string | null): string => {
  if (iso === null) return '-';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
};

/** Milliseconds as seconds with two decimals (`12.35s`); `-` when unknown. */
export const seconds = (ms: number | null): string => (ms === null ? '-' : `${(ms / 1000).toFixed(2)}s`);

/** A 0..1 rate as a percentage with one decimal (`85.0%`); `-` when unknown. */
export const percent = (rate: number | null): string => (rate === null ? '-' : `${(rate * 100).toFixed(1)}%`);

/** Plain-text table: a header row, a rule, and left-aligned columns sized to their widest cell. */
export const textTable = (header: readonly string[], rows: readonly (readonly string[])[]): string[] => {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
};
