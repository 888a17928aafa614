import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import {
  EmbeddedPostgresError,
  runningLock,
  startEmbeddedPostgres,
  stopEmbeddedPostgres,
} from './embedded-server.js';
import { isLivePostgres } from './lock-file.js';

/** A port nothing listens on, and a server holding another one. */
async function listen(): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
function portOf(server: Server): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}
async function freePort(): Promise<number> {
  const server = await listen();
  const port = portOf(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('the embedded PostgreSQL', () => {
  const folders: string[] = [];
  const tempFolder = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hookstream-pg-int-'));
    folders.push(dir);
    // mkdtemp makes it 0700; as root, the server's own user must get through it.
    await chmod(dir, 0o755);
    return dir;
  };
  after(async () => {
    for (const dir of folders) {
      await chmod(dir, 0o755).catch(() => {});
      await stopEmbeddedPostgres(join(dir, 'pg')).catch(() => false);
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('starts, is reused while it runs, comes back with its data after kill -9 (stale lock file), and stops', async () => {
    const dataDir = join(await tempFolder(), 'pg');
    const port = await freePort();
    // Durable, as ./hookstream up runs it (a throw-away cluster may lose its last commits in a crash).
    const first = await startEmbeddedPostgres({ dataDir, port });
    assert.equal(first.startedNow, true);
    assert.match(first.version, /^18\./);
    await query(first.adminUrl, 'CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)');

    const again = await startEmbeddedPostgres({ dataDir, port });
    assert.equal(again.startedNow, false, 'a running server on the same folder and port is reused');
    assert.equal(again.pid, first.pid);

    // kill -9 leaves postmaster.pid behind.
    process.kill(first.pid, 'SIGKILL');
    const deadline = Date.now() + 10_000;
    while (isLivePostgres(first.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(existsSync(join(dataDir, 'cluster', 'postmaster.pid')), 'the stale lock file is there');

    const restarted = await startEmbeddedPostgres({ dataDir, port });
    assert.equal(restarted.startedNow, true);
    assert.notEqual(restarted.pid, first.pid);
    const rows = await query(restarted.adminUrl, 'SELECT id FROM kept');
    assert.deepEqual(rows.rows, [{ id: 42 }]);

    assert.equal(await stopEmbeddedPostgres(dataDir), true);
    assert.equal(await runningLock(dataDir), undefined);
    assert.equal(await stopEmbeddedPostgres(dataDir), false, 'stopping a stopped server is a no-op');
  });

  test('a port already taken is a one-line error naming HOOKSTREAM_PG_PORT, and nothing is created', async () => {
    const dataDir = join(await tempFolder(), 'pg');
    const holder = await listen();
    try {
      await assert.rejects(
        startEmbeddedPostgres({ dataDir, port: portOf(holder), throwAway: true }),
        (error: Error) => {
          assert.ok(error instanceof EmbeddedPostgresError);
          assert.match(error.message, new RegExp(`port ${portOf(holder)} .*in use.*HOOKSTREAM_PG_PORT`));
          assert.doesNotMatch(error.message, /\n/);
          return true;
        },
      );
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
    assert.equal(existsSync(dataDir), false, 'no data folder is left behind');
  });

  test('a data folder the server cannot write is a one-line error naming HOOKSTREAM_PG_DATA_DIR, and no server runs', async () => {
    const parent = await tempFolder();
    // Read and enter for the owner only: a non-root user cannot create the folder in it, and
    // as root the server's own user cannot even reach it.
    await chmod(parent, 0o500);
    const dataDir = join(parent, 'pg');
    await assert.rejects(
      startEmbeddedPostgres({ dataDir, port: await freePort(), throwAway: true }),
      (error: Error) => {
        assert.ok(error instanceof EmbeddedPostgresError);
        assert.match(
          error.message,
          /cannot (create|write) the PostgreSQL data folder .*HOOKSTREAM_PG_DATA_DIR/,
        );
        assert.doesNotMatch(error.message, /\n/);
        return true;
      },
    );
    assert.equal(existsSync(join(dataDir, 'cluster')), false, 'no cluster was created');
  });

  test('a port outside 1-65535 is refused before anything starts', async () => {
    const dataDir = join(await tempFolder(), 'pg');
    await assert.rejects(
      startEmbeddedPostgres({ dataDir, port: 70_000 }),
      /HOOKSTREAM_PG_PORT must be a TCP port/,
    );
    assert.equal(existsSync(dataDir), false);
  });
});
