import type { Kysely, MigrationResultSet, Migrator as KyselyMigrator } from 'kysely';
import { Migrator, sql } from './kysely.ts';
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
    let outcome: MigrationResultSet;
    try {
      outcome = await migrator.migrateToLatest();
    } catch (error) {
      outcome = { error };
    }
    const { error, results } = outcome;
    if (!error) return (results ?? []).map((r) => r.migrationName);
    if (!isSqliteBusy(error) || attempt >= BUSY_RETRIES) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      const what = failed ? `store migration ${failed} failed` : 'cannot open the store';
      throw new Error(`${what}: ${describe(error)}`, { cause: error });
    }
    await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Kysely's migrator over redline's migrations: each call applies its migrations whole or not at all. */
export interface StoreMigrator {
  migrateToLatest(): Promise<MigrationResultSet>;
  migrateTo(name: string): Promise<MigrationResultSet>;
}

/**
 * On PostgreSQL, Kysely runs each call in one transaction with the records of what it applied.
 * On SQLite it runs none, though SQLite's DDL is transactional too: a migration killed halfway
 * would leave half a schema, and one killed after its work but before its record would run again
 * on a schema that has it. So there each call runs in one transaction of its own.
 */
export function storeMigrator<DB>(db: Kysely<DB>, dialect: DialectKind): StoreMigrator {
  const run = (call: (migrator: KyselyMigrator) => Promise<MigrationResultSet>) =>
    dialect === 'sqlite' ? inOneTransaction(db, call) : call(migratorOver(db));
  return {
    migrateToLatest: () => run((migrator) => migrator.migrateToLatest()),
    migrateTo: (name) => run((migrator) => migrator.migrateTo(name)),
  };

  function migratorOver(on: Kysely<DB>): KyselyMigrator {
    const migrations = allMigrations(dialect);
    return new Migrator({ db: on, provider: { getMigrations: () => Promise.resolve(migrations) } });
  }

  function inOneTransaction(
    on: Kysely<DB>,
    call: (migrator: KyselyMigrator) => Promise<MigrationResultSet>,
  ): Promise<MigrationResultSet> {
    return on.connection().execute(async (connection) => {
      // Immediate: a second process opening the store waits here for the first to finish.
      await sql`begin immediate`.execute(connection);
      let outcome: MigrationResultSet;
      try {
        outcome = await call(migratorOver(connection));
      } catch (error) {
        await sql`rollback`.execute(connection);
        throw error;
      }
      await sql.raw(outcome.error ? 'rollback' : 'commit').execute(connection);
      return outcome;
    });
  }
}
