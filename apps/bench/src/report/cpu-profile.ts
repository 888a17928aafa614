/** The parts of a V8 .cpuprofile (as written by node --cpu-prof) the summary needs. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
  }>;
  startTime: number;
  endTime: number;
}

export interface SelfTime {
  /** "function (file:line)", with the path shortened to the package or node: module. */
  frame: string;
  /** Share of all samples, %. */
  pct: number;
}

function shortUrl(url: string): string {
  if (url === '') return '';
  const nodeModules = url.lastIndexOf('node_modules/');
  if (nodeModules >= 0)
    return url.slice(nodeModules + 'node_modules/'.length).replace(/^\.pnpm\/[^/]+\/node_modules\//, '');
  const apps = url.search(/(apps|packages)\//);
  return apps >= 0 ? url.slice(apps) : url;
}

/** The `limit` frames with the most self samples (where the CPU actually was), largest first. */
export function topSelfTime(profile: CpuProfile, limit = 15): SelfTime[] {
  const byFrame = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    total += hits;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = shortUrl(url);
    const frame = `${functionName || '(anonymous)'}${where ? ` (${where}:${lineNumber + 1})` : ''}`;
    byFrame.set(frame, (byFrame.get(frame) ?? 0) + hits);
  }
  return [...byFrame.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([frame, hits]) => ({ frame, pct: total === 0 ? 0 : Math.round((hits / total) * 1000) / 10 }));
}

/** Self time grouped by package (node_modules name, app/package folder, or node internals), %. */
export function selfTimeByPackage(profile: CpuProfile): Record<string, number> {
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    total += hits;
    const url = shortUrl(node.callFrame.url);
    const name = node.callFrame.functionName;
    const owner =
      url === ''
        ? name.startsWith('(')
          ? name
          : '(native/v8)'
        : url.startsWith('node:')
          ? 'node internals'
          : url.startsWith('apps/') || url.startsWith('packages/')
            ? url.split('/').slice(0, 2).join('/')
            : url.startsWith('@')
              ? url.split('/').slice(0, 2).join('/')
              : (url.split('/')[0] ?? url);
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + hits);
  }
  return Object.fromEntries(
    [...byPackage.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([owner, hits]) => [owner, Math.round((hits / total) * 1000) / 10]),
  );
}
