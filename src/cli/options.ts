import { InputError } from '../util/errors.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/types.ts';
import type { AnalysisRow } from '../analyze/types.ts';
import { evaluateChecks, formatCheck, parseCheck, type Check } from '../report/checks.ts';

/** Parses a positive integer flag, naming the flag when it is not one. */
export function positiveInt(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new InputError(`${flag} ${value}: expected a whole number of at least 1`);
    return n;
  };
}

export function nonNegativeNumber(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0)
      throw new InputError(`${flag} ${value}: expected a number of at least 0`);
    return n;
  };
}

/** Opens the store, turning a bad --db value into an input error. */
export async function storeFrom(db: string | undefined): Promise<Store> {
  try {
    return await openStore(db);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`--db: ${(err as Error).message}`);
  }
}

export async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await storeFrom(db);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export const DB_FLAG = [
  '--db <url>',
  'database: a SQLite path or postgres://... (default .redline/redline.db)',
] as const;

/** `--fail-on CHECK`, repeatable: exit code 1 when a check fails (src/report/checks.ts). */
export const FAIL_ON_FLAG = [
  '--fail-on <check>',
  'exit 1 when a rate is beyond a limit, e.g. not-answered>0.2 or benign:refused>5% (repeatable)',
  (value: string, previous: Check[] = []) => [...previous, parseCheck(value)],
] as const;

/** Runs the checks on a run's rows, prints each result on stderr and sets exit code 1 on a failure. */
export function applyChecks(rows: readonly AnalysisRow[], checks: readonly Check[]): void {
  const results = evaluateChecks(rows, checks);
  for (const result of results) process.stderr.write(`${formatCheck(result)}\n`);
  if (results.some((r) => r.status === 'fail')) process.exitCode = 1;
}
