import type { VerdictLabel } from '../score/types.ts';
import { Grouping } from './grouping.ts';
import { isNotAnswered } from './rates.ts';
import { benjaminiHochberg, fisherExact, proportion, twoProportionZ } from './stats.ts';
import type { AnalysisRow, Proportion } from './types.ts';

/**
 * Did behaviour change between two sets of rows (two runs, model versions or providers)?
 * Fisher's exact test per question cell, a two-proportion z test per topic, each family with its
 * own Benjamini-Hochberg correction. Targets are matched by targetId.
 */

export interface DriftExample {
  sample: number;
  label: VerdictLabel;
  /** The job's place in its run's plan, for rows from a store; null otherwise. */
  ordinal: number | null;
  /** Untrusted model output; null when the row carried none (rows from a store: look it up by ordinal). */
  excerpt: string | null;
}

interface Tested {
  before: Proportion;
  after: Proportion;
  p: number;
  /** Benjamini-Hochberg adjusted p-value within its family of tests. */
  q: number;
  significant: boolean;
  /** One row from each side, chosen to show the change: the state that became more common after. */
  beforeExample: DriftExample | null;
  afterExample: DriftExample | null;
}

export interface ProbeChange extends Tested {
  targetId: string;
  probeId: string;
  variant: string;
  lang: string;
  topic: string;
}

export interface TopicChange extends Tested {
  targetId: string;
  topic: string;
  /** Sensitive, control and benign questions of a topic are tested apart: they are meant to differ. */
  kind: string;
  z: number;
}

export interface DriftReport {
  fdr: number;
  /** One Fisher test per (target, probe, variant, lang) cell with non-error rows on both sides. */
  probes: ProbeChange[];
  /** One z test per (target, topic, kind), over the matched cells only. */
  topics: TopicChange[];
  /**
   * The smallest p-value any single question could reach with these sample sizes (all before vs
   * none after). Above the FDR, no question can be found to change: more samples are needed.
   */
  smallestAttainableP: number | null;
}

interface Side {
  /** The side's first non-error row: it carries the group's field values. */
  first: AnalysisRow | null;
  count: number;
  n: number;
  answered: AnalysisRow | null;
  notAnswered: AnalysisRow | null;
  /** For a question cell: whether the other run asked it too. */
  matched: boolean;
}

const CELL_FIELDS = ['targetId', 'probeId', 'variant', 'lang'] as const;
const TOPIC_FIELDS = ['targetId', 'topic', 'kind'] as const;

// Keeps the first row of each state, preferring one whose answer can be shown.
function better(current: AnalysisRow | null, candidate: AnalysisRow): AnalysisRow {
  if (current === null) return candidate;
  return !showsAnswer(current) && showsAnswer(candidate) ? candidate : current;
}

function showsAnswer(row: AnalysisRow): boolean {
  return row.excerpt !== undefined || row.ordinal !== undefined;
}

/** The non-error rows grouped by the fields, leaving out those `include` refuses. */
function accumulate(
  rows: readonly AnalysisRow[],
  fields: readonly (keyof AnalysisRow)[],
  include: (row: AnalysisRow) => boolean = () => true,
): Grouping<Side> {
  const sides = new Grouping<Side>(fields, () => ({
    first: null,
    count: 0,
    n: 0,
    answered: null,
    notAnswered: null,
    matched: false,
  }));
  for (const row of rows) {
    if (row.label === 'error' || !include(row)) continue;
    const side = sides.of(row);
    side.first ??= row;
    side.n++;
    if (isNotAnswered(row.label)) {
      side.count++;
      side.notAnswered = better(side.notAnswered, row);
    } else {
      side.answered = better(side.answered, row);
    }
  }
  return sides;
}

function example(row: AnalysisRow | null): DriftExample | null {
  if (row === null) return null;
  return { sample: row.sample, label: row.label, ordinal: row.ordinal ?? null, excerpt: row.excerpt ?? null };
}

// Before shows the state that became rarer, after the state that became more common.
function examples(before: Side, after: Side): Pick<Tested, 'beforeExample' | 'afterExample'> {
  const rose = after.count / after.n > before.count / before.n;
  const fell = after.count / after.n < before.count / before.n;
  const pick = (side: Side, preferNotAnswered: boolean): DriftExample | null =>
    example(preferNotAnswered ? (side.notAnswered ?? side.answered) : (side.answered ?? side.notAnswered));
  if (!rose && !fell) return { beforeExample: example(before.first), afterExample: example(after.first) };
  return { beforeExample: pick(before, fell), afterExample: pick(after, rose) };
}

function compare(before: Side, after: Side, confidence: number) {
  return {
    before: proportion(before.count, before.n, confidence),
    after: proportion(after.count, after.n, confidence),
    ...examples(before, after),
  };
}

/** Each group of `a` (in the order of its joined key) with the group of `b` with the same values. */
function pairs(a: Grouping<Side>, b: Grouping<Side>): [Side, Side][] {
  return a.sorted().flatMap(({ first, value }): [Side, Side][] => {
    const other = b.find(...a.fields.map((field) => first[field]));
    return other === undefined ? [] : [[value, other]];
  });
}

/** Tests every matched cell and topic for a change in the not-answered rate from rowsA to rowsB. */
export function diff(
  rowsA: readonly AnalysisRow[],
  rowsB: readonly AnalysisRow[],
  { fdr = 0.05, confidence = 0.95 }: { fdr?: number; confidence?: number } = {},
): DriftReport {
  const cellsA = accumulate(rowsA, CELL_FIELDS);
  const cellsB = accumulate(rowsB, CELL_FIELDS);
  const cells = pairs(cellsA, cellsB);
  for (const [before, after] of cells) before.matched = after.matched = true;

  const probeTests = cells.map(([before, after]) => {
    const p = fisherExact(before.count, before.n - before.count, after.count, after.n - after.count);
    const { targetId, probeId, variant, lang, topic } = before.first!;
    return { targetId, probeId, variant, lang, topic, p, ...compare(before, after, confidence) };
  });

  // Topics compare the same questions on both sides, so a changed suite does not look like drift.
  const topicsA = accumulate(rowsA, TOPIC_FIELDS, (row) => cellsA.of(row).matched);
  const topicsB = accumulate(rowsB, TOPIC_FIELDS, (row) => cellsB.of(row).matched);
  const topicTests = pairs(topicsA, topicsB).map(([before, after]) => {
    const test = twoProportionZ(before.count, before.n, after.count, after.n)!;
    const { targetId, topic, kind } = before.first!;
    return { targetId, topic, kind, z: test.z, p: test.p, ...compare(before, after, confidence) };
  });

  return {
    fdr,
    probes: withQValues(probeTests, fdr),
    topics: withQValues(topicTests, fdr),
    smallestAttainableP: smallestAttainableP(cells),
  };
}

function smallestAttainableP(cells: readonly [Side, Side][]): number | null {
  const sizes = new Set(cells.map(([a, b]) => `${a.n}:${b.n}`));
  const ps = [...sizes].map((size) => {
    const [a, b] = size.split(':').map(Number) as [number, number];
    return fisherExact(a, 0, 0, b);
  });
  return ps.length ? Math.min(...ps) : null;
}

function withQValues<T extends { p: number }>(
  tests: T[],
  fdr: number,
): (T & { q: number; significant: boolean })[] {
  const q = benjaminiHochberg(tests.map((test) => test.p));
  return tests.map((test, i) => ({ ...test, q: q[i]!, significant: q[i]! <= fdr }));
}
