import { useEffect, useRef } from 'preact/hooks';

export interface Series {
  label: string;
  values: number[];
}

export interface ChartProps {
  /** What the chart shows: the canvas's accessible name and the table's caption. */
  title: string;
  /** The x-axis labels (months, programmes…), and what they are (the table's first column). */
  labels: string[];
  labelHeading?: string;
  series: Series[];
  /** How a value is shown in the table and the tooltips (yuan, a count…). */
  format?: (value: number) => string;
  /** Stack the series (budget split into paid / committed / remaining). */
  stacked?: boolean;
  /** False when the page shows the same numbers in one table of its own, beside several charts. */
  table?: boolean;
}

const COLOURS = ['#1d5fa8', '#c2410c', '#15803d', '#7c3aed', '#a16207'];

/**
 * A bar chart beside a table of the same numbers: the table is what screen readers and printers
 * get, the chart is for the eye. Chart.js is loaded only when a chart is shown (its own chunk),
 * and only the parts a bar chart needs are registered.
 */
export function BarChart({ title, labels, labelHeading, series, format = String, stacked = false, table = true }: ChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: { destroy: () => void } | undefined;
    let live = true;
    void import('./chart-js').then(({ Chart }) => {
      if (!live || !canvas.current) return;
      chart = new Chart(canvas.current, {
        type: 'bar',
        data: { labels, datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: COLOURS[i % COLOURS.length] })) },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          scales: { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { callback: (value) => format(Number(value)) } } },
          plugins: {
            legend: { display: series.length > 1 },
            tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${format(Number(item.raw))}` } },
          },
        },
      });
    });
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [JSON.stringify([labels, series, stacked])]);
  return (
    <figure class="chart">
      <div class="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
      {!table && <figcaption>{title}</figcaption>}
      {table && (
        // A region that may scroll sideways on a narrow screen: focusable, so a keyboard can scroll it.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
        <figcaption class="table-wrap" tabIndex={0}>
          <table>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{labelHeading}</th>
                {series.map((s) => (
                  <th scope="col" class="num" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, row) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((s) => (
                    <td class="num" key={s.label}>
                      {format(s.values[row] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </figcaption>
      )}
    </figure>
  );
}
