import type { Kysely, Migration, Migrator as KyselyMigrator } from 'kysely';
import { Migrator } from './kysely.ts';
import { isSqliteBusy, type DialectKind } from './dialect.ts';
import { allMigrations } from './migrations/index.ts';

const BUSY_RETRIES = 5;

/**
 * Applies pending migrations; returns the names it applied (none when already current).
 * Two processes opening one SQLite file at once can collide on the write lock; the loser
 * retries and then finds nothing left to do.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>, dialect: DialectKind): Promise<string[]> {
  const migrator = storeMigrator(db, dialect);
  for (let attempt = 0; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return (results ?? []).map((r) => r.migrationName);
    if (!isSqliteBusy(error) || attempt >= BUSY_RETRIES) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'run';
      throw new Error(`store migration ${failed} failed: ${describe(error)}`, { cause: error });
    }
    await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Kysely's migrator over redline's migrations, each run in one transaction on either engine. */
export function storeMigrator<DB>(db: Kysely<DB>, dialect: DialectKind): KyselyMigrator {
  const migrations = allMigrations(dialect);
  // Kysely wraps each migration in a transaction on PostgreSQL but not on SQLite, whose DDL is
  // transactional too: there a migration killed halfway would leave half a schema behind.
  const transactional =
    dialect === 'sqlite'
      ? Object.fromEntries(Object.entries(migrations).map(([name, m]) => [name, inTransaction(m)]))
      : migrations;
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(transactional) } });
}

function inTransaction(migration: Migration): Migration {
  return { up: (db) => db.transaction().execute((trx) => migration.up(trx)) };
}
