import type { Migration } from 'kysely';
import type { DialectKind } from '../dialect.ts';
import { initialSchema } from './0001_init.ts';
import { uniqueJobOrdinal } from './0002_unique_job_ordinal.ts';
import { responseBriefs } from './0003_response_briefs.ts';

/**
 * Every migration, listed statically (no folder scan) so they work from a bundle.
 * Names sort in the order they must run; never rename or edit one that has shipped.
 */
export function allMigrations(dialect: DialectKind): Record<string, Migration> {
  const migrations: Record<string, Migration> = {
    '0001_init': initialSchema(dialect),
    '0002_unique_job_ordinal': uniqueJobOrdinal,
    '0003_response_briefs': responseBriefs(dialect),
  };
  return dialect === 'sqlite' ? mapValues(migrations, inTransaction) : migrations;
}

/**
 * Kysely runs each migration in a transaction on PostgreSQL but not on SQLite, whose DDL is
 * transactional too: there a migration killed halfway would leave half a schema behind.
 */
function inTransaction(migration: Migration): Migration {
  return { up: (db) => db.transaction().execute((trx) => migration.up(trx)) };
}

function mapValues<T, U>(record: Record<string, T>, map: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}
