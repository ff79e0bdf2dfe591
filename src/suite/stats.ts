import type { Suite } from './schema.ts';

export interface SuiteStats {
  /** topic → kind → number of probes. */
  counts: Map<string, Record<'sensitive' | 'control' | 'benign', number>>;
  /** Prompts per language, variants and follow-ups included. */
  prompts: Record<string, number>;
  totals: Record<'sensitive' | 'control' | 'benign' | 'variants' | 'followups', number>;
  gaps: string[];
}

/** Counts per topic × kind × language, and the gaps a bank should not have. */
export function suiteStats(suite: Suite): SuiteStats {
  const counts: SuiteStats['counts'] = new Map();
  const prompts: Record<string, number> = Object.fromEntries(suite.languages.map((l) => [l, 0]));
  const totals = { sensitive: 0, control: 0, benign: 0, variants: 0, followups: 0 };
  for (const p of suite.probes) {
    const row = counts.get(p.topic) ?? { sensitive: 0, control: 0, benign: 0 };
    row[p.kind]++;
    counts.set(p.topic, row);
    totals[p.kind]++;
    totals.variants += p.variants?.length ?? 0;
    totals.followups += p.followups?.length ?? 0;
    for (const lang of suite.languages) {
      const texts = [
        p.prompt[lang],
        ...(p.variants ?? []).map((v) => v.prompt[lang]),
        ...(p.followups ?? []).map((f) => f[lang]),
      ];
      prompts[lang]! += texts.filter(Boolean).length;
    }
  }
  const gaps: string[] = [];
  for (const [topic, row] of counts) {
    if (row.sensitive > 0 && row.control < row.sensitive)
      gaps.push(`${topic}: ${row.sensitive} sensitive but ${row.control} control probes`);
    if (row.sensitive > 0 && row.benign === 0) gaps.push(`${topic}: no benign probe on this topic`);
  }
  const most = Math.max(...Object.values(prompts));
  for (const [lang, n] of Object.entries(prompts))
    if (n < most) gaps.push(`${lang}: ${most - n} prompts fewer than the fullest language`);
  const noIndirect = suite.probes.filter((p) => p.kind === 'sensitive' && !p.variants?.length).length;
  if (noIndirect > 0) gaps.push(`${noIndirect} sensitive probes have no variant framing`);
  return { counts, prompts, totals, gaps };
}
