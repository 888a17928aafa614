import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** Connection URL of a new, empty database. */
  url: string;
  drop: () => Promise<void>;
}

function adminUrl(): string {
  return process.env.HOOKSTREAM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/**
 * A fresh database per test (or suite), so tests never see each other's rows nor touch the
 * dev database `hookstream`. `drop` removes it, ending any connection left open.
 */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `hookstream_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
