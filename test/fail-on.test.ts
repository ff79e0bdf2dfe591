import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/open.ts';
import { loadRows } from '../src/analyze/rows.ts';
import { evaluateChecks, parseCheck } from '../src/report/checks.ts';
import type { AnalysisRow } from '../src/analyze/types.ts';
import { FIXTURE_RUN, seedFixture } from './report-fixture.ts';
import { runCli } from './helpers/cli.ts';

let work: string;
let db: string;
let rows: AnalysisRow[];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'redline-fail-on-'));
  const store = await openStore(join(work, 'fixture.db'));
  await seedFixture(store);
  rows = await loadRows(store, FIXTURE_RUN);
  await store.close();
  db = `sqlite:${join(work, 'fixture.db')}`;
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('--fail-on checks', () => {
  it('parses kind, metric, direction and percent limits, and names what is wrong', () => {
    expect(parseCheck('benign:refused>5%')).toMatchObject({
      kind: 'benign',
      metric: 'refused',
      direction: 'above',
      limit: 0.05,
    });
    expect(parseCheck('answered<0.5')).toMatchObject({ kind: 'sensitive', direction: 'below', limit: 0.5 });
    expect(() => parseCheck('refusals>0.2')).toThrow(/unknown metric "refusals"/);
    expect(() => parseCheck('sensitive:refused>1.5')).toThrow(/between 0 and 1/);
    expect(() => parseCheck('refused')).toThrow(/expected \[KIND:\]METRIC>RATE/);
  });

  it('fails a target only when the whole interval is beyond the limit', () => {
    // api:deepseek refuses 9 of 12 sensitive answers: Wilson [46.8%, 91.1%]; host 4/12 [13.8%, 60.9%].
    const results = evaluateChecks(rows, [parseCheck('not-answered>0.4')]);
    const status = Object.fromEntries(results.map((r) => [r.targetId, r.status]));
    expect(status).toEqual({ 'api:deepseek': 'fail', 'host:deepseek': 'unclear', 'open:model': 'pass' });
  });

  it('sets exit code 1 on a failed check, 0 when all pass, 2 on a malformed one', async () => {
    const failed = await runCli(['report', FIXTURE_RUN, '--db', db, '--fail-on', 'not-answered>0.4']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /fail-on not-answered>0\.4: api:deepseek sensitive not-answered 75\.0% .*FAILED/,
    );
    const passed = await runCli(['report', FIXTURE_RUN, '--db', db, '--fail-on', 'not-answered>0.95']);
    expect(passed.code).toBe(0);
    const bad = await runCli(['report', FIXTURE_RUN, '--db', db, '--fail-on', 'not-answered>>1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fail-on "not-answered>>1"');
  }, 120_000);
});
