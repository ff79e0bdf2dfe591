import { describe, expect, it } from 'vitest';
import { lintSuite } from '../src/suite/lint.ts';
import { builtinSuiteIds, loadSuite } from '../src/suite/load.ts';
import type { Suite } from '../src/suite/schema.ts';

const LANGS = ['en', 'zh-Hans', 'zh-Hant', 'ar'];
const count = (suite: Suite, kind: string) => suite.probes.filter((p) => p.kind === kind).length;

describe('the built-in probe banks', () => {
  it.each(builtinSuiteIds())('%s lints clean and is written in en, zh-Hans, zh-Hant and ar', (id) => {
    const { suite } = loadSuite(id);
    expect(lintSuite(suite)).toEqual([]);
    expect(suite.languages).toEqual(expect.arrayContaining(LANGS));
    for (const probe of suite.probes) {
      for (const prompt of [probe.prompt, ...(probe.variants ?? []).map((v) => v.prompt)])
        expect(Object.keys(prompt).sort(), probe.id).toEqual([...LANGS].sort());
    }
  });

  it('china-core: 150+ sensitive probes over 15+ topics, each with a control, an indirect framing, markers and a source', () => {
    const { suite } = loadSuite('china-core');
    const sensitive = suite.probes.filter((p) => p.kind === 'sensitive');
    expect(sensitive.length).toBeGreaterThanOrEqual(150);
    expect(new Set(sensitive.map((p) => p.topic)).size).toBeGreaterThanOrEqual(15);
    expect(count(suite, 'control')).toBeGreaterThanOrEqual(150);
    expect(count(suite, 'benign')).toBeGreaterThanOrEqual(100);
    for (const probe of sensitive) {
      expect(probe.control, probe.id).toBeDefined();
      expect(probe.variants?.length ?? 0, probe.id).toBeGreaterThan(0);
      for (const lang of LANGS) {
        const markers = [
          ...(probe.markers?.official?.[lang] ?? []),
          ...(probe.markers?.independent?.[lang] ?? []),
        ];
        expect(markers.length, `${probe.id} ${lang}`).toBeGreaterThan(0);
      }
      expect(probe.refs?.length ?? 0, probe.id).toBeGreaterThan(0);
    }
    // Every sensitive topic also has should-not-refuse questions, so over-refusal is measured per topic.
    const benignTopics = new Set(suite.probes.filter((p) => p.kind === 'benign').map((p) => p.topic));
    for (const topic of new Set(sensitive.map((p) => p.topic))) expect(benignTopics, topic).toContain(topic);
    expect(sensitive.some((p) => p.followups?.length)).toBe(true);
  });

  it('mirror: 60+ probes on several other governments; quick: 20 probes', () => {
    const mirror = loadSuite('mirror').suite;
    expect(mirror.probes.length).toBeGreaterThanOrEqual(60);
    const countries = new Set(
      mirror.probes
        .filter((p) => p.kind === 'sensitive')
        .flatMap((p) => (p.tags ?? []).filter((t) => t.startsWith('country:'))),
    );
    expect(countries.size).toBeGreaterThanOrEqual(9);
    expect(loadSuite('quick').suite.probes).toHaveLength(20);
  });
});
