import { InputError } from '../util/errors.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/types.ts';

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
