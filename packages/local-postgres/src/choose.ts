import { DEFAULT_SERVER_URL, type LocalPostgresEnv } from './config.js';
import { EmbeddedPostgresError, startEmbeddedPostgres } from './embedded-server.js';
import { probeDatabaseServer, redactUrl } from './probe.js';
import { versionProblem } from './server-version.js';

export interface PostgresChoice {
  /** configured: DATABASE_URL; server: the default one answered; embedded: ours. */
  source: 'configured' | 'server' | 'embedded';
  /** The URL of `database` on the chosen server. */
  databaseUrl: string;
  version: string;
  /** true when this call started the embedded server (so the caller stops it). */
  startedNow: boolean;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Which PostgreSQL ./hookstream up uses: DATABASE_URL when the user set it (it must answer
 * and be new enough); else the default local server when it answers and is new enough;
 * else the embedded one, started here. HOOKSTREAM_EMBEDDED_PG=1 always picks the embedded
 * one, 0 never starts it.
 */
export async function choosePostgres(
  env: LocalPostgresEnv & { dataDir: string },
  database: string,
  log: (line: string) => void,
): Promise<PostgresChoice> {
  if (env.HOOKSTREAM_EMBEDDED_PG !== '1') {
    const configured = env.DATABASE_URL !== undefined;
    const url = env.DATABASE_URL ?? DEFAULT_SERVER_URL;
    const probe = await probeDatabaseServer(url);
    if (probe.answers) {
      const problem = versionProblem(probe.versionNum, redactUrl(url));
      if (!problem)
        return {
          source: configured ? 'configured' : 'server',
          databaseUrl: url,
          version: probe.version,
          startedNow: false,
        };
      if (configured) throw new EmbeddedPostgresError(problem);
      log(`${problem.split(';')[0]}; using the embedded PostgreSQL 18 instead`);
    } else if (configured && probe.code !== undefined) {
      // The server answered, with an error: the URL's user, password or rights are wrong.
      throw new EmbeddedPostgresError(
        `the PostgreSQL server at DATABASE_URL=${redactUrl(url)} refused the connection (${probe.reason}); fix the user, password or database in DATABASE_URL, or unset it to use the embedded PostgreSQL`,
      );
    } else if (configured) {
      throw new EmbeddedPostgresError(
        `nothing answers at DATABASE_URL=${redactUrl(url)} (${probe.reason}); start that server, or unset DATABASE_URL to use the embedded PostgreSQL`,
      );
    } else if (env.HOOKSTREAM_EMBEDDED_PG === '0') {
      throw new EmbeddedPostgresError(
        `nothing answers at ${redactUrl(url)} and HOOKSTREAM_EMBEDDED_PG=0; start a server, set DATABASE_URL, or unset HOOKSTREAM_EMBEDDED_PG`,
      );
    } else {
      log(`no PostgreSQL answers at ${redactUrl(url)}: using the embedded PostgreSQL 18`);
    }
  } else if (env.DATABASE_URL !== undefined) {
    log('HOOKSTREAM_EMBEDDED_PG=1: using the embedded PostgreSQL, not DATABASE_URL');
  }
  const server = await startEmbeddedPostgres({
    dataDir: env.dataDir,
    port: env.HOOKSTREAM_PG_PORT,
    osUser: env.HOOKSTREAM_PG_OS_USER,
    log,
  });
  return {
    source: 'embedded',
    databaseUrl: withDatabase(server.adminUrl, database),
    version: server.version,
    startedNow: server.startedNow,
  };
}
