import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../paths.js';

/** One query of one dashboard panel. */
export interface PanelQuery {
  /** The dashboard's file name, e.g. hookstream-overview.json. */
  dashboard: string;
  panel: string;
  refId: string;
  /** The query as Grafana stores it, with $__rate_interval and template variables. */
  expr: string;
}

export const DASHBOARD_DIR = 'infra/grafana/dashboards';

interface RawPanel {
  type?: unknown;
  title?: unknown;
  targets?: unknown;
  panels?: unknown;
}

/**
 * Every query of every panel in the dashboard folder. Throws, naming the file and the panel,
 * when a file is not JSON, has no title or panels, or a panel has no query.
 */
export function loadDashboardQueries(dir = join(repoRoot(), DASHBOARD_DIR)): PanelQuery[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new Error(`no dashboard JSON in ${dir}`);
  return files.flatMap((file) => queriesOf(file, readFileSync(join(dir, file), 'utf8')));
}

export function queriesOf(file: string, text: string): PanelQuery[] {
  let dashboard: { title?: unknown; uid?: unknown; panels?: unknown };
  try {
    dashboard = JSON.parse(text) as typeof dashboard;
  } catch (error) {
    throw new Error(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  if (typeof dashboard.title !== 'string' || typeof dashboard.uid !== 'string')
    throw new Error(`${file}: a dashboard needs a string "title" and "uid"`);
  if (!Array.isArray(dashboard.panels) || dashboard.panels.length === 0)
    throw new Error(`${file}: the dashboard has no panels`);
  const panels = (dashboard.panels as RawPanel[]).flatMap((panel) =>
    // A collapsed row keeps its panels inside it.
    Array.isArray(panel.panels) ? [panel, ...(panel.panels as RawPanel[])] : [panel],
  );
  const queries: PanelQuery[] = [];
  for (const [index, panel] of panels.entries()) {
    if (panel.type === 'row') continue;
    const title =
      typeof panel.title === 'string' && panel.title !== '' ? panel.title : `#${index} (untitled)`;
    const targets = Array.isArray(panel.targets)
      ? (panel.targets as Array<{ expr?: unknown; refId?: unknown }>)
      : [];
    const withExpr = targets.filter((target) => typeof target.expr === 'string' && target.expr.trim() !== '');
    if (targets.length === 0) throw new Error(`${file}: panel "${title}" has no query`);
    if (withExpr.length !== targets.length)
      throw new Error(`${file}: panel "${title}" has a target without a PromQL "expr"`);
    for (const target of withExpr) {
      queries.push({
        dashboard: file,
        panel: title,
        refId: String(target.refId ?? '?'),
        expr: String(target.expr),
      });
    }
  }
  return queries;
}

/** Values for Grafana's built-in variables when a query runs outside Grafana. */
export interface QueryWindow {
  /** For $__rate_interval and $__interval, e.g. "30s". */
  rateInterval: string;
  /** For $__range, e.g. "5m". */
  range: string;
}

/**
 * The query as Prometheus takes it: Grafana's interval variables replaced, and a multi-value
 * template variable in a regex matcher (`=~"$tenant"`) widened to match everything, as "All" does.
 */
export function toPromQL(expr: string, window: QueryWindow): string {
  return expr
    .replaceAll('$__rate_interval', window.rateInterval)
    .replaceAll('$__interval', window.rateInterval)
    .replaceAll('$__range', window.range)
    .replace(/=~"\$\w+"/g, '=~".*"');
}

/** The label a panel query is reported by: `file › panel [refId]`. */
export function describeQuery(query: PanelQuery): string {
  return `${query.dashboard} › "${query.panel}" [${query.refId}]`;
}

/**
 * A Prometheus rules file with one recording rule per panel query, each in a group named after
 * the panel, so `promtool check rules` parses every query and names the panel of any that fails.
 */
export function panelQueriesAsRules(queries: readonly PanelQuery[], window: QueryWindow): string {
  const groups = queries.map((query) =>
    [
      `  - name: ${JSON.stringify(describeQuery(query))}`,
      '    rules:',
      '      - record: hookstream_dashboard_panel',
      `        expr: ${JSON.stringify(toPromQL(query.expr, window))}`,
    ].join('\n'),
  );
  return `groups:\n${groups.join('\n')}\n`;
}
