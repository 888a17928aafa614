import { describeQuery, type PanelQuery, type QueryWindow, toPromQL } from './dashboards.js';
import type { TestPrometheus } from './prometheus-server.js';

/** A panel query that fails against a real Prometheus, and why. */
export interface PanelProblem {
  panel: string;
  problem: string;
}

/**
 * Runs every panel query as an instant query; a query that Prometheus rejects or that returns
 * no series is a problem, named `file › "panel" [refId]`.
 */
export async function evaluatePanels(
  prometheus: TestPrometheus,
  queries: readonly PanelQuery[],
  window: QueryWindow,
): Promise<PanelProblem[]> {
  const problems: PanelProblem[] = [];
  for (const query of queries) {
    const promql = toPromQL(query.expr, window);
    try {
      const data = await prometheus.query(promql);
      const empty =
        data.resultType === 'vector' || data.resultType === 'matrix' ? data.result.length === 0 : false;
      if (empty) problems.push({ panel: describeQuery(query), problem: `no data for ${promql}` });
    } catch (error) {
      problems.push({ panel: describeQuery(query), problem: `query failed: ${(error as Error).message}` });
    }
  }
  return problems;
}

/**
 * Only the `hookstream_*` families of a Prometheus text exposition (HELP, TYPE and samples), for
 * `promtool check metrics`: prom-client's default nodejs_* names are outside our control.
 */
export function ownMetrics(exposition: string): string {
  return `${exposition
    .split('\n')
    .filter((line) => /^(# (HELP|TYPE) )?hookstream_/.test(line))
    .join('\n')}\n`;
}
