import {
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** A value in the metric's unit, short: `87.5 %`, `312 GiB`, `240 ms`. */
export function formatValue(value: number, unit?: string): string {
  const n = (v: number, digits = 1) =>
    v.toLocaleString(undefined, { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : digits });
  switch (unit) {
    case 'Percent':
      return `${n(value)} %`;
    case 'Bytes': {
      const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
      let v = value;
      let i = 0;
      while (Math.abs(v) >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
      }
      return `${n(v)} ${units[i]}`;
    }
    case 'Seconds':
      return value < 1 ? `${n(value * 1000, 0)} ms` : `${n(value, 2)} s`;
    case 'Milliseconds':
      return `${n(value, 0)} ms`;
    default:
      return n(value);
  }
}

/**
 * A small line chart of one metric over the last hours, with the alarm's
 * threshold as a dashed line when given.
 */
export function MetricChart(props: {
  points: Array<[number, number]>;
  unit?: string;
  threshold?: number;
  height?: number;
  label: string;
}) {
  const data = props.points.map(([t, v]) => ({ t, v }));
  return (
    <div role="img" aria-label={`${props.label}: ${props.points.length} points`} style={{ width: '100%', height: props.height ?? 140 }}>
      <ResponsiveContainer>
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={t => TIME.format(t)}
            tick={{ fontSize: 11 }}
          />
          <YAxis
            width={64}
            tick={{ fontSize: 11 }}
            tickFormatter={v => formatValue(v, props.unit)}
            domain={[
              (min: number) => Math.min(min, props.threshold ?? min),
              (max: number) => Math.max(max, props.threshold ?? max),
            ]}
          />
          <Tooltip
            labelFormatter={t => TIME.format(Number(t))}
            formatter={(v: number) => [formatValue(v, props.unit), props.label]}
          />
          {props.threshold !== undefined && (
            <ReferenceLine y={props.threshold} stroke="var(--bui-negative-bg)" strokeDasharray="4 4" />
          )}
          <Line type="monotone" dataKey="v" dot={false} stroke="var(--bui-accent-bg)" strokeWidth={2} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
