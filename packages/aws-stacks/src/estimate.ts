import { partsOf, type PlatformStackConfig } from './platformStack';
import { stackKindOf, type StackWhere } from './kinds';
import { PRICE_TABLE } from './prices';

/** @public */
export interface CostEstimate {
  monthlyUsd: number;
  lines: Array<{ item: string; monthlyUsd: number }>;
  priceTable: { region: string; date: string };
  /** What the estimate leaves out, in a sentence. */
  excludes: string;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Estimates the monthly cost of a stack's sizing from the committed price
 * table (compute, storage and fixed hourly charges; no traffic).
 *
 * @public
 */
export function estimateMonthlyCost(config: PlatformStackConfig): CostEstimate {
  const lines: CostEstimate['lines'] = [];
  const add = (item: string, usd: number) => lines.push({ item, monthlyUsd: round(usd) });
  const unpriced: string[] = [];
  for (const [, part, value] of partsOf(config)) {
    part.estimate(part.schema.parse(part.withStack(value, config)) as never, config, add);
    if (part.unpriced) unpriced.push(`${part.unpriced} `);
  }
  const where: StackWhere = config;
  const environmentName = stackKindOf(config).inEnvironment ? where.environmentName : undefined;
  return {
    monthlyUsd: round(lines.reduce((sum, l) => sum + l.monthlyUsd, 0)),
    lines,
    priceTable: { region: PRICE_TABLE.region, date: PRICE_TABLE.date },
    excludes:
      environmentName
        ? `${unpriced.join('')}The platform environment ${environmentName} (network, NAT gateways, load balancer) is estimated with it, not here. Data transfer (including cross-Region replication traffic), CloudWatch, backups beyond the free allowance and taxes are not included.`
        : 'Data transfer, NAT and load balancer traffic, CloudWatch, backups beyond the free allowance and taxes are not included.',
  };
}
