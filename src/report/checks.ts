import { thresholdCheck } from '../analyze/gaps.ts';
import { COUNTED_LABELS, rates } from '../analyze/rates.ts';
import type { AnalysisRow, CountedLabel, Proportion } from '../analyze/types.ts';
import { InputError } from '../util/errors.ts';
import { formatProportion } from './format.ts';

/**
 * `--fail-on [KIND:]METRIC>RATE` (or `<RATE`): a gate for scripts and CI. Each target's rate over
 * every topic and language of that kind (sensitive by default) is checked, and the check fails
 * only when the whole 95% interval lies beyond the limit, so a handful of samples never fails a
 * build by chance.
 */
export interface Check {
  spec: string;
  kind: string;
  metric: CountedLabel | 'not-answered';
  direction: 'above' | 'below';
  limit: number;
}

export interface CheckResult {
  check: Check;
  targetId: string;
  rate: Proportion;
  status: 'pass' | 'fail' | 'unclear' | 'no-data';
}

const KINDS = ['sensitive', 'control', 'benign'];
const METRICS = ['not-answered', ...COUNTED_LABELS];
const CHECK = /^(?:([a-z]+):)?([a-z-]+)\s*([<>])\s*(\d*\.?\d+)(%?)$/;

export function parseCheck(spec: string): Check {
  const m = CHECK.exec(spec.trim());
  const help = `expected [KIND:]METRIC>RATE or <RATE, e.g. not-answered>0.2 or benign:refused>5% (kinds: ${KINDS.join(', ')}; metrics: ${METRICS.join(', ')})`;
  if (!m) throw new InputError(`--fail-on "${spec}": ${help}`);
  const [, kind = 'sensitive', metric = '', op, number = '', percent] = m;
  if (!KINDS.includes(kind)) throw new InputError(`--fail-on "${spec}": unknown kind "${kind}"; ${help}`);
  if (!METRICS.includes(metric))
    throw new InputError(`--fail-on "${spec}": unknown metric "${metric}"; ${help}`);
  const limit = Number(number) / (percent ? 100 : 1);
  if (!(limit >= 0 && limit <= 1))
    throw new InputError(`--fail-on "${spec}": the rate must lie between 0 and 1 (or 0% and 100%)`);
  return {
    spec,
    kind,
    metric: metric as Check['metric'],
    direction: op === '>' ? 'above' : 'below',
    limit,
  };
}

export function evaluateChecks(rows: readonly AnalysisRow[], checks: readonly Check[]): CheckResult[] {
  return checks.flatMap((check) =>
    rates(
      rows.filter((row) => row.kind === check.kind),
      ['targetId'],
    ).map((group) => {
      const rate = check.metric === 'not-answered' ? group.notAnswered : group.labels[check.metric];
      // "fail above the limit" is a ceiling: the rate must stay at most the limit.
      const status = thresholdCheck(rate, check.limit, check.direction === 'above' ? 'atMost' : 'atLeast');
      return { check, targetId: group.key.targetId!, rate, status };
    }),
  );
}

export function formatCheck(result: CheckResult): string {
  const { check } = result;
  const verdict = result.status === 'fail' ? 'FAILED' : result.status;
  return `fail-on ${check.spec}: ${result.targetId} ${check.kind} ${check.metric} ${formatProportion(result.rate)} → ${verdict}`;
}
