import pg from 'pg';

export type ProbeResult =
  | { answers: true; versionNum: number; version: string }
  | { answers: false; reason: string };

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
    return { answers: false, reason: (error as Error).message || String(error) };
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
