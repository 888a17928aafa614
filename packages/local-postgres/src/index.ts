export { postgresBinaries } from './binaries.js';
export { choosePostgres, type PostgresChoice } from './choose.js';
export { DEFAULT_SERVER_URL, LocalPostgresEnv, loadLocalPostgresEnv } from './config.js';
export {
  adminUrlFor,
  EmbeddedPostgresError,
  type EmbeddedServer,
  type EmbeddedServerOptions,
  runningLock,
  startEmbeddedPostgres,
  stopEmbeddedPostgres,
} from './embedded-server.js';
export { isLivePostgres, parsePostmasterLock } from './lock-file.js';
export { maintenanceUrl, type ProbeResult, probeDatabaseServer, probeServer, redactUrl } from './probe.js';
export { formatVersionNum, MIN_SERVER_VERSION_NUM, versionProblem } from './server-version.js';
