import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h } from './dom';

export interface Series {
  label: string;
  values: Array<number | null>;
  stroke: string;
  /** Dash pattern, so series differ by more than colour. */
  dash?: number[];
}

/** A line chart over days (`YYYY-MM-DD`), sized to its container; described for screen readers. */
export const dailyChart = (title: string, days: string[], series: Series[], unit: string): HTMLElement => {
  const figure = h('figure', { class: 'chart', role: 'group', 'aria-label': title }, h('figcaption', {}, title));
  // One day alone still gets a readable axis: an empty day either side.
  const padded = days.length === 1;
  const times = days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000);
  const first = times[0] ?? 0;
  const x = padded ? [first - 86_400, first, first + 86_400] : times;
  const values = (line: Series) => (padded ? [null, ...line.values, null] : line.values);
  requestAnimationFrame(() => {
    const width = Math.max(280, Math.min(figure.clientWidth - 8, 640));
    const chart = new uPlot(
      {
        width,
        height: 180,
        scales: { x: { time: true } },
        // Days are UTC days, as the read model buckets them.
        tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
        axes: [{}, { label: unit, size: 60 }],
        series: [
          { label: 'day' },
          ...series.map((line) => ({
            label: line.label,
            stroke: line.stroke,
            dash: line.dash,
            width: 2,
            points: { size: 7 },
          })),
        ],
      },
      [x, ...series.map(values)],
    );
    figure.append(chart.root);
  });
  return figure;
};
