import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, stopEmbeddedPostgres } from '@hookstream/local-postgres';
import { freePort } from './service-process.js';

const FOLDER_PREFIX = 'hookstream-test-pg-';
/** Holds the pid of the test run that owns the folder, so a later run can tell it was abandoned. */
const OWNER_FILE = 'owner.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Stops and deletes the servers of earlier runs that died before their teardown (a killed
 * runner), so none is left running for long. Folders of live runs are left alone.
 */
async function sweepAbandoned(log: (line: string) => void): Promise<void> {
  const entries = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const entry of entries.filter((name) => name.startsWith(FOLDER_PREFIX))) {
    const dir = join(tmpdir(), entry);
    const owner = Number(await readFile(join(dir, OWNER_FILE), 'utf8').catch(() => 'NaN'));
    if (Number.isInteger(owner) && alive(owner)) continue;
    if (!existsSync(join(dir, OWNER_FILE)) && !existsSync(join(dir, 'cluster'))) continue;
    await stopEmbeddedPostgres(dir).catch(() => false);
    await rm(dir, { recursive: true, force: true });
    log(`removed the embedded PostgreSQL of an abandoned test run (${dir})`);
  }
}

/**
 * A real PostgreSQL 18 for one test run: a fresh cluster in a temporary folder on a free
 * port, without fsync (nothing in it outlives the run). `stop` stops it and deletes the folder.
 */
export async function startThrowAwayPostgres(
  log: (line: string) => void,
): Promise<{ adminUrl: string; version: string; stop: () => Promise<void> }> {
  await sweepAbandoned(log);
  const dataDir = await mkdtemp(join(tmpdir(), FOLDER_PREFIX));
  await writeFile(join(dataDir, OWNER_FILE), String(process.pid));
  const remove = async () => {
    await stopEmbeddedPostgres(dataDir).catch(() => false);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), throwAway: true, log });
    return { adminUrl: server.adminUrl, version: server.version, stop: remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
