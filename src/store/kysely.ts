import { createRequire } from 'node:module';
import type * as KyselyModule from 'kysely';

/**
 * Kysely's runtime, loaded from its CommonJS build. Its ESM build is some 280 files, and under
 * tsx (bin/redline.js, the benches) every ESM file costs a round trip to the loader-hooks thread:
 * 0.4 to 0.6 s at each start of the CLI here, against about 0.1 s through require(). The types
 * are the same declaration files either way; import types from 'kysely' directly.
 */
const kysely = createRequire(import.meta.url)('kysely') as typeof KyselyModule;

export const { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } = kysely;
export type Kysely<DB> = KyselyModule.Kysely<DB>;
