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
  const x = days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000);
  requestAnimationFrame(() => {
    const width = Math.max(280, Math.min(figure.clientWidth - 8, 640));
    const chart = new uPlot(
      {
        width,
        height: 180,
        scales: {
          // One day alone still gets an axis: a day either side.
          x: { time: true, range: (_u, min, max) => (min === max ? [min - 86_400, max + 86_400] : [min, max]) },
        },
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
      [x, ...series.map((line) => line.values)],
    );
    figure.append(chart.root);
  });
  return figure;
};
