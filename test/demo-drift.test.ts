import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { excerptText, type DiffData } from '../src/report/diff.ts';
import { runCli, type CliResult } from './helpers/cli.ts';

// The demo's two runs straddle the simulator's planted change (sim/behaviour.ts PLANTED_DRIFT):
// `censor` starts censoring hong-kong and stops censoring covid-19. Nothing else depends on the date.
let work: string;
let demo: CliResult;
let diff: DiffData;
let table: CliResult;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'redline-demo-'));
  const db = `sqlite:${join(work, 'demo.db')}`;
  demo = await runCli(['demo', '--json', '--db', db], { cwd: work });
  const { runId, before } = JSON.parse(demo.stdout) as { runId: string; before: string };
  const out = await runCli(['diff', before, runId, '--format', 'json', '--db', db], { cwd: work });
  diff = JSON.parse(out.stdout) as DiffData;
  table = await runCli(['diff', before, runId, '--db', db], { cwd: work });
}, 240_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('redline demo, then diff of its two runs', () => {
  it('completes, labelled simulated, and writes the HTML report', () => {
    expect(demo.code).toBe(0);
    expect(demo.stderr).toContain('SIMULATED');
    expect(diff.simulated).toBe(true);
    const html = readFileSync(join(work, '.redline', 'demo-report.html'), 'utf8');
    expect(html).toContain('SIMULATED');
  });

  it('finds the planted changes, in the planted direction, and nothing else', () => {
    const changed = diff.drift.topics
      .filter((t) => t.significant)
      .map((t) => ({
        change: `${t.targetId} ${t.topic} ${t.kind}`,
        rose: (t.after.rate ?? 0) > (t.before.rate ?? 0),
      }));
    expect(changed).toEqual([
      { change: 'sim:censor covid-19 sensitive', rose: false },
      { change: 'sim:censor hong-kong sensitive', rose: true },
    ]);
    expect(diff.drift.probes.filter((p) => p.significant)).toEqual([]);
    // Many topics were tested, so "nothing else" is a finding, not an empty comparison.
    expect(diff.drift.topics.length).toBeGreaterThan(40);
  });

  it('quotes each change with an answer from each run, looked up in the store', () => {
    const hongKong = diff.drift.topics.find((t) => t.topic === 'hong-kong' && t.significant)!;
    const { beforeExample: before, afterExample: after } = hongKong;
    expect([before?.label, after?.label === 'answered']).toEqual(['answered', false]);
    expect(before?.excerpt).toMatch(/\S{5}/);
    expect(after?.excerpt).toMatch(/\S{5}/);
    expect(after?.excerpt).not.toBe(before?.excerpt);
  });

  it('quotes the changes in the table too, which looks up only the answers it shows', () => {
    const changes = diff.drift.topics.filter((t) => t.significant);
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      expect(table.stdout).toContain(excerptText(change.beforeExample));
      expect(table.stdout).toContain(excerptText(change.afterExample));
    }
  });

  it('says when per-question tests cannot reach significance with the samples taken', () => {
    expect(diff.drift.smallestAttainableP).toBeGreaterThan(diff.drift.fdr);
  });
});
