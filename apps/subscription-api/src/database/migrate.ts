import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import { ensureDatabase } from './ensure-database.js';

/** Versioned SQL migrations, one file each, named <unix ms>_<what>.sql. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

export interface MigrateLogger {
  info(message: string): void;
}

/**
 * Creates the database if needed and applies pending migrations in one transaction.
 * node-pg-migrate takes an advisory lock, so instances starting together do not race.
 */
export async function migrate(databaseUrl: string, logger?: MigrateLogger): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  const applied = await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    singleTransaction: true,
    // Instances (or the admin CLI) starting together wait for each other instead of failing.
    advisoryLockMode: 'wait',
    logger: {
      info: (message: string) => logger?.info(message),
      warn: (message: string) => logger?.info(message),
      error: (message: string) => logger?.info(message),
      debug: () => {},
    },
  });
  return applied.map((migration) => migration.name);
}
