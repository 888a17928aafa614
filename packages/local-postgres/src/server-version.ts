/**
 * The oldest PostgreSQL major the platform supports: 14, the oldest release its community
 * still maintains; the test harness also relies on DROP DATABASE … WITH (FORCE) (13+).
 */
export const MIN_SERVER_VERSION_NUM = 140_000;

/** `server_version_num` (e.g. 150020) as "15.20", and 90624 as "9.6.24". */
export function formatVersionNum(versionNum: number): string {
  const major = Math.floor(versionNum / 10_000);
  if (major >= 10) return `${major}.${versionNum % 10_000}`;
  return `${Math.floor(versionNum / 10_000)}.${Math.floor(versionNum / 100) % 100}.${versionNum % 100}`;
}

/** A one-line error for a server too old to use, or undefined when it is new enough. */
export function versionProblem(versionNum: number, where: string): string | undefined {
  if (versionNum >= MIN_SERVER_VERSION_NUM) return undefined;
  return `the PostgreSQL server at ${where} is version ${formatVersionNum(versionNum)}; Hookstream needs ${formatVersionNum(MIN_SERVER_VERSION_NUM).split('.')[0]} or newer: upgrade it, or unset DATABASE_URL to use the embedded PostgreSQL 18`;
}
