import pg from 'pg';

export type ProbeResult =
  | { answers: true; versionNum: number; version: string }
  | {
      answers: false;
      reason: string /** PostgreSQL's SQLSTATE, when the server answered with an error. */;
      code?: string;
    };

/** Connects once and asks the version; never throws. `timeoutMs` bounds the connect, in ms. */
export async function probeServer(url: string, timeoutMs = 2_000): Promise<ProbeResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    const result = await client.query<{ num: string; version: string }>(
      "SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS version",
    );
    const row = result.rows[0];
    return { answers: true, versionNum: Number(row?.num), version: String(row?.version) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return {
      answers: false,
      reason: (error as Error).message || String(error),
      // Only a SQLSTATE (five characters) means the server answered; ECONNREFUSED and the like do not.
      ...(typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? { code } : {}),
    };
  } finally {
    await client.end().catch(() => {});
  }
}

/** The same server's maintenance database (`postgres`), where databases are created. */
export function maintenanceUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

/** The URL without its password, for messages and logs. */
export function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '<unparsable URL>';
  }
}

/** SQLSTATE invalid_catalog_name: the server answers, the database is not created yet. */
const DATABASE_MISSING = '3D000';

/**
 * Probes the database at `url`; when it does not exist yet (migrate creates it), the server's
 * maintenance database instead. Roles without access to `postgres` still work once the
 * database exists.
 */
export async function probeDatabaseServer(url: string, timeoutMs = 2_000): Promise<ProbeResult> {
  const probe = await probeServer(url, timeoutMs);
  if (probe.answers || probe.code !== DATABASE_MISSING) return probe;
  return probeServer(maintenanceUrl(url), timeoutMs);
}
