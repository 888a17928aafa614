import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { choosePostgres } from './choose.js';
import { loadLocalPostgresEnv } from './config.js';
import { stopEmbeddedPostgres } from './embedded-server.js';
import { probeServer } from './probe.js';

/** The server the tests use (set by the testkit's global setup), else the local default. */
const serverUrl = process.env.HOOKSTREAM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const withPath = (url: string, path: string, user?: string) => {
  const parsed = new URL(url);
  parsed.pathname = path;
  if (user) parsed.username = user;
  return parsed.toString();
};
const noLog = () => {};
const folders: string[] = [];

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

after(async () => {
  for (const dir of folders) {
    await stopEmbeddedPostgres(join(dir, 'pg')).catch(() => false);
    await rm(dir, { recursive: true, force: true });
  }
});

const serverAnswers = (await probeServer(serverUrl)).answers;

test('DATABASE_URL that answers is used as it is, even before its database exists', {
  skip: !serverAnswers && 'no server at HOOKSTREAM_TEST_PG_URL',
}, async () => {
  for (const database of ['/postgres', '/hookstream_not_created_yet']) {
    const url = withPath(serverUrl, database);
    const choice = await choosePostgres(
      loadLocalPostgresEnv({ DATABASE_URL: url }, '/unused'),
      'hookstream',
      noLog,
    );
    assert.equal(choice.source, 'configured');
    assert.equal(choice.databaseUrl, url);
    assert.equal(choice.startedNow, false);
    assert.match(choice.version, /^\d+\.\d+/);
  }
});

test('a DATABASE_URL the server refuses is a one-line error that says what to fix', {
  skip: !serverAnswers && 'no server at HOOKSTREAM_TEST_PG_URL',
}, async () => {
  const url = withPath(serverUrl, '/postgres', 'no_such_role_hookstream');
  await assert.rejects(
    choosePostgres(loadLocalPostgresEnv({ DATABASE_URL: url }, '/unused'), 'hookstream', noLog),
    /^EmbeddedPostgresError: the PostgreSQL server at DATABASE_URL=.* refused the connection \(.*no_such_role_hookstream.*\); fix the user, password or database in DATABASE_URL, or unset it/,
  );
});

test('a DATABASE_URL where nothing answers is a one-line error, and nothing is started', async () => {
  const url = `postgres://postgres@127.0.0.1:${await closedPort()}/hookstream`;
  await assert.rejects(
    choosePostgres(loadLocalPostgresEnv({ DATABASE_URL: url }, '/unused'), 'hookstream', noLog),
    /nothing answers at DATABASE_URL=.*; start that server, or unset DATABASE_URL to use the embedded PostgreSQL$/,
  );
});

test('HOOKSTREAM_EMBEDDED_PG=1 starts the embedded PostgreSQL 18 even when DATABASE_URL answers', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hookstream-pg-choose-'));
  folders.push(dir);
  await chmod(dir, 0o755); // as root, the server's own user must get through it
  const lines: string[] = [];
  const env = loadLocalPostgresEnv(
    {
      HOOKSTREAM_EMBEDDED_PG: '1',
      DATABASE_URL: serverUrl,
      HOOKSTREAM_PG_DATA_DIR: join(dir, 'pg'),
      HOOKSTREAM_PG_PORT: String(await closedPort()),
    },
    '/unused',
  );
  const choice = await choosePostgres(env, 'hookstream', (line) => lines.push(line));
  assert.equal(choice.source, 'embedded');
  assert.equal(choice.startedNow, true);
  assert.equal(choice.databaseUrl, `postgres://postgres@127.0.0.1:${env.HOOKSTREAM_PG_PORT}/hookstream`);
  assert.match(choice.version, /^18\./);
  assert.ok(
    lines.some((line) => /not DATABASE_URL/.test(line)),
    'it says DATABASE_URL is not used',
  );
  assert.equal((await probeServer(withPath(choice.databaseUrl, '/postgres'))).answers, true);
});
