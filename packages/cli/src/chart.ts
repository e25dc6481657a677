import asciichart from "asciichart";

export interface ChartOptions {
  title: string;
  /** Label under the first and the last value (e.g. the first and last day). */
  firstLabel: string;
  lastLabel: string;
  /** Terminal width; the chart never gets wider. */
  columns: number;
  height?: number;
  color?: boolean;
}

const Y_AXIS_WIDTH = 12;

/**
 * A line chart of one series for the terminal (asciichart). Values beyond the width are averaged
 * in groups so that the chart fits; null values (missing data) are drawn as gaps.
 */
export function terminalChart(values: readonly (number | null)[], options: ChartOptions): string[] {
  if (values.length === 0) return [];
  const room = Math.max(10, options.columns - Y_AXIS_WIDTH - 2);
  const group = Math.ceil(values.length / room);
  const series: number[] = [];
  for (let i = 0; i < values.length; i += group) {
    const slice = values.slice(i, i + group).filter((v): v is number => v !== null);
    series.push(slice.length === 0 ? Number.NaN : slice.reduce((a, b) => a + b, 0) / slice.length);
  }
  const plot = asciichart.plot(series, {
    height: options.height ?? 10,
    format: (x: number) => x.toFixed(2).padStart(Y_AXIS_WIDTH - 2),
    ...(options.color ? { colors: [asciichart.cyan] } : {}),
  });
  const width = series.length;
  const gap = Math.max(1, width - options.firstLabel.length - options.lastLabel.length + 1);
  const axis = `${" ".repeat(Y_AXIS_WIDTH)}${options.firstLabel}${" ".repeat(gap)}${options.lastLabel}`;
  const title = group > 1 ? `${options.title} (each column the average of ${group})` : options.title;
  return [title, plot, axis];
}
