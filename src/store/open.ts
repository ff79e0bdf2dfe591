import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from './kysely.ts';
import type { Store } from './types.ts';
import type { Database } from './tables.ts';
import { migrateToLatest } from './migrate.ts';
import { SqlStore } from './repository.ts';
import { SQLITE_BUSY_TIMEOUT_MS } from './dialect.ts';

export type StoreLocation = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

export const DEFAULT_SQLITE_PATH = '.redline/redline.db';

/** Hides the password of `user:password@host` (even in a malformed URL) so it can go into a message. */
export function maskUrl(url: string): string {
  return url.replace(/([^\s:/@]+):[^\s/]*@/, '$1:***@');
}

/**
 * Reads `--db`: nothing → `.redline/redline.db` under cwd; `sqlite:PATH` or `PATH.db` → that
 * SQLite file; `postgres://…` or `postgresql://…` → PostgreSQL.
 */
export function parseStoreUrl(url: string | undefined, cwd = process.cwd()): StoreLocation {
  if (url === undefined) return { dialect: 'sqlite', path: resolve(cwd, DEFAULT_SQLITE_PATH) };
  if (/^postgres(ql)?:\/\/[^/]/i.test(url)) return { dialect: 'postgres', url };
  if (/^sqlite:/i.test(url) && url.length > 'sqlite:'.length) {
    const path = url.slice('sqlite:'.length);
    return { dialect: 'sqlite', path: path === ':memory:' ? path : resolve(cwd, path) };
  }
  if (/\.db$/i.test(url) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    return { dialect: 'sqlite', path: resolve(cwd, url) };
  }
  throw new Error(
    `Unsupported store URL "${maskUrl(url)}": use a SQLite file (sqlite:PATH or a path ending in .db) ` +
      'or PostgreSQL (postgres://USER@HOST:PORT/DATABASE or postgresql://...).',
  );
}

/** Opens the database, applies pending migrations, and returns the repository over it. */
export async function openStore(url?: string, cwd = process.cwd()): Promise<Store> {
  const location = parseStoreUrl(url, cwd);
  const { db, sqlite } = await openKysely(location);
  try {
    await migrateToLatest(db, location.dialect);
    // Prepared after the migrations: the statements need the tables.
    return new SqlStore(db, location.dialect, sqlite);
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/** Kysely over the location, unmigrated; on SQLite also the raw handle under it (Kysely closes it on destroy). */
export async function openKysely(
  location: StoreLocation,
): Promise<{ db: Kysely<Database>; sqlite?: BetterSqlite3.Database }> {
  if (location.dialect === 'postgres') {
    // Loaded only when asked for: SQLite users do not pay for starting the PostgreSQL client.
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: location.url, max: 10 });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => {});
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }) };
  }
  const sqlite = openSqliteFile(location.path);
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), sqlite };
}

/** WAL + synchronous=NORMAL: a process killed at any moment leaves every committed transaction intact. */
function openSqliteFile(path: string): BetterSqlite3.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new BetterSqlite3(path, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  return database;
}
