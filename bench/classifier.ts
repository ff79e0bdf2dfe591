/**
 * Accuracy and speed of the embedded classifier on the labelled development set
 * (test/fixtures/devset/*.jsonl): per language, per label precision/recall/F1 on each split,
 * not-answer F1 (anything but `answered` vs `answered`), and responses per second on one core.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { classify } from '../src/score/embedded/classify.ts';
import { VERDICT_LABELS, type ScorerInput, type VerdictLabel } from '../src/score/types.ts';

export interface DevItem {
  id: string;
  lang: string;
  prompt: string;
  response: string;
  reasoning?: string;
  signals?: string[];
  error?: string;
  label: VerdictLabel;
  split?: 'dev' | 'test';
}

export const DEVSET_DIR = join(import.meta.dirname, '..', 'test', 'fixtures', 'devset');

export function loadDevset(dir = DEVSET_DIR): DevItem[] {
  const items: DevItem[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (line.trim()) items.push(JSON.parse(line) as DevItem);
    }
  }
  return items;
}

export function toInput(item: DevItem): ScorerInput {
  return {
    prompt: item.prompt,
    lang: item.lang,
    text: item.response,
    reasoning: item.reasoning,
    signals: item.signals ?? [],
    error: item.error,
  };
}

const family = (lang: string): string => (lang.startsWith('zh') ? 'zh' : lang);

interface Scores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

function prf(pairs: Array<[boolean, boolean]>): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [gold, got] of pairs) {
    if (gold && got) tp++;
    else if (!gold && got) fp++;
    else if (gold && !got) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: tp + fn };
}

const pct = (x: number): string => x.toFixed(3);

function report(name: string, rows: Array<{ gold: VerdictLabel; got: VerdictLabel }>): void {
  const accuracy = rows.filter((r) => r.gold === r.got).length / rows.length;
  console.log(`\n${name}  n=${rows.length}  accuracy=${pct(accuracy)}`);
  console.log('  label        precision  recall  f1     n');
  for (const label of VERDICT_LABELS) {
    const s = prf(rows.map((r) => [r.gold === label, r.got === label]));
    if (s.support === 0 && !rows.some((r) => r.got === label)) continue;
    console.log(
      `  ${label.padEnd(12)} ${pct(s.precision).padEnd(10)} ${pct(s.recall).padEnd(7)} ${pct(s.f1).padEnd(6)} ${s.support}`,
    );
  }
  const notAnswer = prf(rows.map((r) => [r.gold !== 'answered', r.got !== 'answered']));
  console.log(
    `  not-answer F1 = ${pct(notAnswer.f1)} (precision ${pct(notAnswer.precision)}, recall ${pct(notAnswer.recall)})`,
  );
}

/**
 * Responses per second of CPU time (process.cpuUsage), measured in rounds after a warm-up. On a
 * shared machine wall time says more about the neighbours than about us, so the best and the
 * median round are both printed, with the load average.
 */
function throughput(items: DevItem[]): { best: number; median: number; meanChars: number } {
  const typical = items.filter((i) => i.response.length >= 300 && i.response.length <= 1500).map(toInput);
  const inputs = typical.length > 0 ? typical : items.map(toInput);
  const warm = performance.now();
  while (performance.now() - warm < 1000) for (const input of inputs) classify(input);
  const rates: number[] = [];
  for (let round = 0; round < 15; round++) {
    const before = process.cpuUsage();
    for (let rep = 0; rep < 5; rep++) for (const input of inputs) classify(input);
    const used = process.cpuUsage(before);
    rates.push((5 * inputs.length) / ((used.user + used.system) / 1e6));
  }
  rates.sort((a, b) => a - b);
  const meanChars = inputs.reduce((a, i) => a + i.text.length, 0) / inputs.length;
  return { best: rates[rates.length - 1] ?? 0, median: rates[rates.length >> 1] ?? 0, meanChars };
}

function main(): void {
  const items = loadDevset();
  const results = items.map((item) => ({ item, got: classify(toInput(item)).label }));
  for (const split of ['dev', 'test'] as const) {
    const inSplit = results.filter((r) => (r.item.split ?? 'dev') === split);
    if (inSplit.length === 0) continue;
    for (const lang of ['en', 'zh', 'ar']) {
      const rows = inSplit
        .filter((r) => family(r.item.lang) === lang)
        .map((r) => ({ gold: r.item.label, got: r.got }));
      if (rows.length > 0) report(`[${split}] ${lang}`, rows);
    }
  }
  if (process.argv.includes('--errors')) {
    // Dev split only: the test split is never looked at line by line while tuning.
    for (const r of results) {
      if ((r.item.split ?? 'dev') === 'dev' && r.got !== r.item.label)
        console.log(`${r.item.id}\tgold=${r.item.label}\tgot=${r.got}\t${r.item.response.slice(0, 140)}`);
    }
  }
  const speed = throughput(items);
  console.log(
    `\nthroughput (one core, CPU time, typical answers of mean ${Math.round(speed.meanChars)} chars): ` +
      `best ${Math.round(speed.best)}/s, median ${Math.round(speed.median)}/s; load average ${loadavg()[0]?.toFixed(1)}`,
  );
}

// Run only as a script, so tests can import the devset loader.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
