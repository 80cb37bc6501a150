import type { CostSeries } from '@internal/plugin-aws-cost-common';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatMoney, periodOf } from './costView';

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#7f7f7f'];

/** Spend by month, one stacked bar per month, one colour per key. */
export function MonthlyTrendChart(props: {
  keys: string[];
  points: Array<Record<string, number | string>>;
  currency: string;
  label: string;
  height?: number;
}) {
  const { keys, points, currency } = props;
  return (
    <div role="img" aria-label={`${props.label}: ${points.length} months`} style={{ width: '100%', height: props.height ?? 280 }}>
      <ResponsiveContainer>
        <BarChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 11 }} />
          <YAxis width={72} tick={{ fontSize: 11 }} tickFormatter={v => formatMoney(v, currency)} />
          <Tooltip formatter={(v: number, name: string) => [formatMoney(v, currency, 2), name]} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {keys.map((k, i) => (
            <Bar key={k} dataKey={k} stackId="spend" fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Spend by day over the last 90 days. */
export function DailyChart(props: { series: CostSeries; currency: string; label: string; height?: number }) {
  const { series, currency } = props;
  const data = series.amounts.map((v, i) => ({ day: periodOf(series, i), v }));
  return (
    <div role="img" aria-label={`${props.label}: ${data.length} days`} style={{ width: '100%', height: props.height ?? 180 }}>
      <ResponsiveContainer>
        <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis width={64} tick={{ fontSize: 11 }} tickFormatter={v => formatMoney(v, currency)} />
          <Tooltip formatter={(v: number) => [formatMoney(v, currency, 2), 'Spend']} />
          <Area
            dataKey="v"
            type="monotone"
            stroke="var(--bui-accent-bg)"
            fill="var(--bui-accent-bg)"
            fillOpacity={0.3}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
