import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { isLivePostgres } from '@hookstream/local-postgres';
import { repoRoot } from '@hookstream/testkit';

const run = promisify(execFile);

/**
 * The path a machine without a PostgreSQL server takes: the test harness starts the embedded
 * PostgreSQL 18 (forced with HOOKSTREAM_TEST_PG=embedded, since this machine may have a
 * server), and subscription-api's integration tests, which apply its migrations at start,
 * run against it as a nested test run. One server start; it is stopped and deleted after.
 */
test('the API migrates and passes its integration tests on the embedded PostgreSQL', async () => {
  const root = repoRoot();
  const env: NodeJS.ProcessEnv = { ...process.env, HOOKSTREAM_TEST_PG: 'embedded' };
  delete env.HOOKSTREAM_TEST_PG_URL;
  delete env.NODE_TEST_CONTEXT; // a run of its own, with its own totals, not a subtest of this one
  const { stdout, stderr } = await run(
    process.execPath,
    [
      '--test',
      '--enable-source-maps',
      '--test-reporter=spec',
      `--test-global-setup=${join(root, 'packages/testkit/dist/global-setup.js')}`,
      'apps/subscription-api/dist/integration/*.int.test.js',
    ],
    { cwd: root, env, maxBuffer: 16 * 1024 * 1024, timeout: 150_000 },
  ).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    assert.fail(`the nested run failed: ${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
  });
  const output = `${stdout}\n${stderr}`;
  const ready = /\[testkit\] infrastructure ready .*postgres embedded PostgreSQL (18\.\d+) at (\S+)/.exec(
    output,
  );
  assert.ok(ready, `the run used the embedded server:\n${output}`);
  const started = /embedded PostgreSQL 18\.\d+ started \(pid (\d+), [^,]+, data (\S+)\)/.exec(output);
  assert.ok(started, 'the harness started it for this run');
  const passed = Number(/ℹ pass (\d+)/.exec(output)?.[1]);
  assert.ok(passed > 0, `some tests ran and passed:\n${output}`);
  assert.equal(Number(/ℹ fail (\d+)/.exec(output)?.[1]), 0, output);
  // Nothing left behind: the server's folder is gone and its postmaster has exited.
  assert.equal(existsSync(String(started[2])), false, 'the throw-away cluster is deleted');
  assert.equal(isLivePostgres(Number(started[1])), false, 'the server process has exited');
});
