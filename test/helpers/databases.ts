import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

/**
 * Fresh databases for tests, one per test file (or per describe block that calls these).
 * Register the hooks at collection time; read `url` inside tests or hooks.
 */
export interface TestDatabase {
  readonly dialect: 'sqlite' | 'postgres';
  /** A store URL for `openStore`; valid after the beforeAll hook ran. */
  readonly url: string;
}

/** The server tests use: loopback, trust auth. Override with REDLINE_TEST_PG_URL. */
export const POSTGRES_ADMIN_URL =
  process.env.REDLINE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function withSqlite(): TestDatabase {
  let folder: string | undefined;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'redline-store-'));
  });
  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });
  return {
    dialect: 'sqlite',
    get url() {
      if (!folder) throw new Error('withSqlite: url read before beforeAll ran');
      return `sqlite:${join(folder, 'redline.db')}`;
    },
  };
}

export function withPostgres(): TestDatabase {
  const name = `redline_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  let created = false;
  beforeAll(async () => {
    await admin(`create database ${name}`);
    created = true;
  });
  afterAll(async () => {
    // FORCE ends connections a failed test may have left open.
    if (created) await admin(`drop database if exists ${name} with (force)`);
  });
  return {
    dialect: 'postgres',
    get url() {
      if (!created) throw new Error('withPostgres: url read before beforeAll ran');
      const url = new URL(POSTGRES_ADMIN_URL);
      url.pathname = `/${name}`;
      return url.toString();
    },
  };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
