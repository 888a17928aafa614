import { join } from 'node:path';
import { z } from 'zod';

/** The default server ./hookstream up and the tests look for before starting their own. */
export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/hookstream';

/**
 * Settings of the embedded server, read from the environment. The folder default follows the
 * platform's data folder (HOOKSTREAM_DATA_DIR, like the broker's), given by the caller.
 */
export const LocalPostgresEnv = z.object({
  /**
   * auto: use the server at DATABASE_URL (or the default one) when it answers, else start the
   * embedded one; 1: always the embedded one (even when a server answers); 0: never.
   */
  HOOKSTREAM_EMBEDDED_PG: z.enum(['auto', '1', '0']).default('auto'),
  /** TCP port of the embedded server on 127.0.0.1; not 5432, so it never meets a system server. */
  HOOKSTREAM_PG_PORT: z.coerce.number().int().min(1).max(65_535).default(54_329),
  /** Folder of the embedded server's cluster and log; default <data folder>/postgres. */
  HOOKSTREAM_PG_DATA_DIR: z.string().min(1).optional(),
  /** When run as root: the system user the server runs as (PostgreSQL refuses root); created if missing. */
  HOOKSTREAM_PG_OS_USER: z
    .string()
    .regex(/^[a-z_][a-z0-9_-]*$/, 'a user name: lower-case letters, digits, "_" and "-"')
    .default('hookstream-pg'),
  /** Set by the user to use that server; when set, the embedded one is never started for it. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
});
export type LocalPostgresEnv = z.infer<typeof LocalPostgresEnv>;

/** Parses the environment; the error names the variable and is one line. */
export function loadLocalPostgresEnv(source: NodeJS.ProcessEnv, dataRoot: string) {
  const parsed = LocalPostgresEnv.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid ${issue?.path.join('.') ?? 'setting'}: ${issue?.message ?? 'invalid'}`);
  }
  return { ...parsed.data, dataDir: parsed.data.HOOKSTREAM_PG_DATA_DIR ?? join(dataRoot, 'postgres') };
}
