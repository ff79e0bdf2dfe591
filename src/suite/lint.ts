import type { Suite } from './schema.ts';

export interface LintProblem {
  probeId?: string;
  field?: string;
  message: string;
}

/** Checks a valid suite for the rules a schema cannot express (DESIGN.md, "Probe banks"). */
export function lintSuite(suite: Suite): LintProblem[] {
  const problems: LintProblem[] = [];
  const byId = new Map<string, Suite['probes'][number]>();
  for (const probe of suite.probes) {
    if (byId.has(probe.id)) problems.push({ probeId: probe.id, field: 'id', message: 'duplicate id' });
    byId.set(probe.id, probe);
  }
  for (const probe of suite.probes) {
    const at = (field: string, message: string) => problems.push({ probeId: probe.id, field, message });
    for (const lang of suite.languages) {
      if (!probe.prompt[lang]) at(`prompt.${lang}`, `missing the ${lang} text the suite declares`);
      for (const v of probe.variants ?? []) {
        if (!v.prompt[lang]) at(`variants.${v.id}.prompt.${lang}`, `missing the ${lang} text`);
      }
      (probe.followups ?? []).forEach((f, i) => {
        if (!f[lang]) at(`followups.${i}.${lang}`, `missing the ${lang} text`);
      });
    }
    for (const lang of Object.keys(probe.prompt)) {
      if (!suite.languages.includes(lang))
        at(`prompt.${lang}`, `language ${lang} is not declared in languages`);
    }
    const variantIds = new Set<string>();
    for (const v of probe.variants ?? []) {
      if (v.id === 'main' || variantIds.has(v.id))
        at(`variants.${v.id}`, 'variant ids must be unique and not "main"');
      variantIds.add(v.id);
    }
    if (probe.kind === 'sensitive') {
      const control = probe.control ? byId.get(probe.control) : undefined;
      if (!probe.control) at('control', 'a sensitive probe needs a matched control probe');
      else if (!control) at('control', `control "${probe.control}" is not a probe of this suite`);
      else if (control.kind !== 'control')
        at('control', `"${probe.control}" has kind ${control.kind}, not control`);
      for (const side of ['official', 'independent'] as const) {
        for (const lang of suite.languages) {
          if (!probe.markers?.[side]?.[lang]?.length)
            at(`markers.${side}.${lang}`, `no ${side} markers in ${lang}`);
        }
      }
      if (!probe.refs?.length) at('refs', 'a sensitive probe needs at least one reference');
    } else if (probe.control) {
      at('control', `only sensitive probes name a control (this one is ${probe.kind})`);
    }
  }
  return problems;
}
