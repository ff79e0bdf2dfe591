/**
 * How far judges agree: Cohen's kappa for two, Fleiss' kappa for more, raw pairwise agreement,
 * and each judge's label distribution, so judges of different origin can be compared for bias.
 */
import { cohenKappa, fleissKappa } from '../../analyze/stats.ts';
import { VERDICT_LABELS, type VerdictLabel } from '../types.ts';

/** judge name → response id → label. */
export type JudgeLabels = Map<string, Map<string, VerdictLabel>>;

export interface Agreement {
  judges: string[];
  /** Responses every judge labelled, none with `error` (a failed judgement is not a rating). */
  items: number;
  kappa: { kind: 'cohen' | 'fleiss'; value: number | null } | null;
  pairwise: Array<{ a: string; b: string; agreement: number | null; n: number }>;
  distributions: Record<string, Partial<Record<VerdictLabel, number>>>;
}

export function judgeAgreement(labels: JudgeLabels): Agreement {
  const judges = [...labels.keys()].sort();
  const distributions: Agreement['distributions'] = {};
  for (const judge of judges) {
    const dist: Partial<Record<VerdictLabel, number>> = {};
    for (const label of labels.get(judge)!.values()) dist[label] = (dist[label] ?? 0) + 1;
    distributions[judge] = dist;
  }
  const rated = (judge: string, id: string): VerdictLabel | undefined => {
    const label = labels.get(judge)!.get(id);
    return label === 'error' ? undefined : label;
  };
  const first = judges[0];
  const common = first
    ? [...labels.get(first)!.keys()].filter((id) => judges.every((j) => rated(j, id)))
    : [];

  let kappa: Agreement['kappa'] = null;
  if (judges.length === 2) {
    const [a, b] = judges as [string, string];
    kappa = {
      kind: 'cohen',
      value: cohenKappa(
        common.map((id) => rated(a, id)!),
        common.map((id) => rated(b, id)!),
      ),
    };
  } else if (judges.length > 2) {
    const rows = common.map((id) =>
      VERDICT_LABELS.map((label) => judges.filter((j) => rated(j, id) === label).length),
    );
    kappa = { kind: 'fleiss', value: fleissKappa(rows) };
  }

  const pairwise: Agreement['pairwise'] = [];
  for (let i = 0; i < judges.length; i++) {
    for (let k = i + 1; k < judges.length; k++) {
      const a = judges[i]!;
      const b = judges[k]!;
      const both = [...labels.get(a)!.keys()].filter((id) => rated(a, id) && rated(b, id));
      const same = both.filter((id) => rated(a, id) === rated(b, id)).length;
      pairwise.push({ a, b, agreement: both.length ? same / both.length : null, n: both.length });
    }
  }
  return { judges, items: common.length, kappa, pairwise, distributions };
}

const fixed = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));

export function formatAgreement(ag: Agreement): string {
  const lines = [`judge agreement over ${ag.items} responses every judge labelled`];
  if (ag.kappa)
    lines.push(`  ${ag.kappa.kind === 'cohen' ? "Cohen's" : "Fleiss'"} kappa: ${fixed(ag.kappa.value)}`);
  for (const p of ag.pairwise) lines.push(`  ${p.a} vs ${p.b}: agree ${fixed(p.agreement)} (n=${p.n})`);
  lines.push('label distribution per judge:');
  for (const judge of ag.judges) {
    const dist = ag.distributions[judge]!;
    lines.push(
      `  ${judge}: ${
        VERDICT_LABELS.filter((l) => dist[l])
          .map((l) => `${l} ${dist[l]}`)
          .join(', ') || 'none'
      }`,
    );
  }
  return lines.join('\n') + '\n';
}
