import type { ColumnDefinitionBuilder, Kysely, RawBuilder } from 'kysely';
import { sql } from './kysely.ts';

/**
 * Every difference between SQLite and PostgreSQL that the store must know about lives here,
 * so the repository and the migrations keep one code path for both engines.
 */
export type DialectKind = 'sqlite' | 'postgres';

/** How long a SQLite connection waits for another's lock before it reports the database busy. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** The tables of the first schema whose rows are written once and never changed (0003 adds response_briefs). */
export const APPEND_ONLY_TABLES = ['runs', 'jobs', 'responses', 'events', 'verdicts'] as const;

/** Rows per multi-row INSERT: far below SQLite's 32,766 and PostgreSQL's 65,535 bound variables. */
export function rowsPerInsert(columnsPerRow: number): number {
  return Math.max(1, Math.floor(4000 / columnsPerRow));
}

/** True when the error is a UNIQUE or PRIMARY KEY violation, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = error.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** True when SQLite gave up waiting for another process's write lock. */
export function isSqliteBusy(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = error.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** pg returns COUNT and SUM (int8, numeric) as strings; SQLite returns numbers or bigints. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  throw new TypeError(`expected a number from the database, got ${typeof value}`);
}

/**
 * A NOT NULL text column the store compares or sorts (ids, keys, ISO times): byte order on both
 * engines, so `ORDER BY` gives the same result whatever the PostgreSQL database's locale is.
 */
export function byteOrdered(dialect: DialectKind) {
  return (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    dialect === 'postgres' ? col.modifyEnd(sql`collate "C"`).notNull() : col.notNull();
}

/** An integer id the database assigns in insertion order. */
export function autoIncrementType(dialect: DialectKind): 'serial' | 'integer' {
  return dialect === 'postgres' ? 'serial' : 'integer';
}

export function autoIncrementId(dialect: DialectKind) {
  return (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    dialect === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement();
}

/** Statements that make the database itself reject UPDATE, DELETE (and TRUNCATE) on a table. */
export function appendOnlyTriggers(dialect: DialectKind, table: string): RawBuilder<unknown>[] {
  const name = (id: string) => sql.id(id);
  if (dialect === 'sqlite') {
    return (['update', 'delete'] as const).map(
      (op) => sql`create trigger ${name(`${table}_no_${op}`)} before ${sql.raw(op)} on ${name(table)}
        begin select raise(abort, ${sql.lit(`redline store is append-only: ${op} on ${table} rejected`)}); end`,
    );
  }
  return [
    sql`create trigger ${name(`${table}_append_only`)} before update or delete on ${name(table)}
      for each row execute function redline_reject_change()`,
    sql`create trigger ${name(`${table}_no_truncate`)} before truncate on ${name(table)}
      for each statement execute function redline_reject_change()`,
  ];
}

/** Removes what appendOnlyTriggers made, for a migration that must fill a new column in. */
export function dropAppendOnlyTriggers(dialect: DialectKind, table: string): RawBuilder<unknown>[] {
  const names =
    dialect === 'sqlite'
      ? [`${table}_no_update`, `${table}_no_delete`]
      : [`${table}_append_only`, `${table}_no_truncate`];
  return names.map((name) =>
    dialect === 'sqlite'
      ? sql`drop trigger ${sql.id(name)}`
      : sql`drop trigger ${sql.id(name)} on ${sql.id(table)}`,
  );
}

/** PostgreSQL needs one trigger function before any trigger can use it. */
export function appendOnlyPrelude(dialect: DialectKind): RawBuilder<unknown>[] {
  if (dialect === 'sqlite') return [];
  return [
    sql`create or replace function redline_reject_change() returns trigger language plpgsql as $$
      begin
        raise exception 'redline store is append-only: % on % rejected', lower(tg_op), tg_table_name
          using errcode = 'restrict_violation';
      end $$`,
  ];
}

export async function executeAll(db: Kysely<unknown>, statements: RawBuilder<unknown>[]): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
