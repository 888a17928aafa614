import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './paths.js';
import { freePort } from './service-process.js';

const run = promisify(execFile);

/** A throw-away secure broker (kafka.sh --secure) in a temporary folder, on free ports. */
export interface SecureBroker {
  brokers: string[];
  /** SCRAM password of each user, from the scram-users.env the script generated. */
  password(user: string): string;
  /** The broker's server.log so far (authorizer denials are logged there). */
  serverLog(): string;
  stop(): Promise<void>;
}

/**
 * Starts its own secure broker so the shared plaintext broker on 9092 is never touched: its
 * own data folder (deleted by stop), its own ports, the jars of the shared installation.
 * Bounded by KAFKA_START_TIMEOUT (120 s) inside the script and by the exec timeout here.
 */
export async function startSecureBroker(): Promise<SecureBroker> {
  const root = repoRoot();
  const dataDir = mkdtempSync(join(tmpdir(), 'hookstream-secure-kafka-'));
  const env = {
    ...process.env,
    HOOKSTREAM_DATA_DIR: dataDir,
    KAFKA_LIBS_DIR: join(root, '.data', 'kafka', 'libs'),
    KAFKA_SECURE_PORT: String(await freePort()),
    KAFKA_SECURE_CONTROLLER_PORT: String(await freePort()),
    KAFKA_CDS: '0',
    KAFKA_START_TIMEOUT: '120',
  };
  const script = join(root, 'infra', 'kafka', 'kafka.sh');
  const home = join(dataDir, 'kafka-secure');
  const stop = async () => {
    try {
      await run('bash', [script, 'stop', '--secure'], { env, timeout: 60_000 });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  try {
    await run('bash', [script, 'start', '--secure'], { env, timeout: 180_000 });
  } catch (error) {
    await stop();
    throw error;
  }
  const credentials = readFileSync(join(home, 'scram-users.env'), 'utf8');
  return {
    brokers: [`127.0.0.1:${env.KAFKA_SECURE_PORT}`],
    password(user) {
      const name = `KAFKA_SCRAM_PASSWORD_${user.toUpperCase().replaceAll('-', '_')}`;
      const line = credentials.split('\n').find((entry) => entry.startsWith(`${name}=`));
      if (!line) throw new Error(`no ${name} in scram-users.env`);
      return line.slice(name.length + 1);
    },
    serverLog: () => readFileSync(join(home, 'logs', 'server.log'), 'utf8'),
    stop,
  };
}
