import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  loadDashboardQueries,
  type PanelQuery,
  panelQueriesAsRules,
  promtool,
  queriesOf,
  repoRoot,
  toPromQL,
} from '@hookstream/testkit';

const window = { rateInterval: '30s', range: '5m' };

describe('Grafana dashboards as code', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'hookstream-dashboards-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  /** promtool's verdict on the queries; its output names the panel of every query that fails. */
  async function checkQueries(queries: readonly PanelQuery[]) {
    const file = join(scratch, `panels-${queries.length}-${Date.now()}.yml`);
    writeFileSync(file, panelQueriesAsRules(queries, window));
    return promtool(['check', 'rules', file]);
  }

  it('the three dashboards load, and every panel has a query', () => {
    const queries = loadDashboardQueries();
    assert.deepEqual(
      [...new Set(queries.map((query) => query.dashboard))],
      ['hookstream-delivery-health.json', 'hookstream-kafka.json', 'hookstream-overview.json'],
    );
  });

  it('every panel and query uses the data source docker-compose provisions, and uids are unique', () => {
    const provisioned = /^\s*uid:\s*(\S+)/m.exec(
      readFileSync(join(repoRoot(), 'infra/grafana/provisioning/datasources/prometheus.yml'), 'utf8'),
    )?.[1];
    assert.ok(provisioned, 'the provisioned data source has a uid');
    const dir = join(repoRoot(), 'infra/grafana/dashboards');
    const uids: string[] = [];
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      uids.push(String((JSON.parse(text) as { uid: string }).uid));
      const referenced = [...text.matchAll(/"type": "prometheus",\s*"uid": "([^"]+)"/g)].map(
        (match) => match[1],
      );
      assert.ok(referenced.length > 0, `${file} refers to no Prometheus data source`);
      for (const uid of referenced) assert.equal(uid, provisioned, `${file} refers to data source "${uid}"`);
    }
    assert.equal(new Set(uids).size, uids.length, `dashboard uids repeat: ${uids.join(', ')}`);
  });

  it('every panel query is valid PromQL', async () => {
    const { code, output } = await checkQueries(loadDashboardQueries());
    assert.equal(code, 0, output);
  });

  it('a panel query with a typo fails, naming the dashboard and the panel', async () => {
    const broken = queriesOf(
      'broken.json',
      JSON.stringify({
        uid: 'b',
        title: 'Broken',
        panels: [
          { type: 'stat', title: 'Fine', targets: [{ refId: 'A', expr: 'sum(up)' }] },
          {
            type: 'timeseries',
            title: 'Typo',
            targets: [{ refId: 'A', expr: 'sum by (le (rate(x[$__rate_interval]))' }],
          },
        ],
      }),
    );
    const { code, output } = await checkQueries(broken);
    assert.notEqual(code, 0);
    assert.match(output, /broken\.json › \\?"Typo\\?" \[A\]/);
    assert.doesNotMatch(output, /Fine/);
  });

  const malformed = [
    { name: 'not JSON', text: '{"uid": "x", ', error: /broken\.json: not valid JSON/ },
    {
      name: 'no title',
      text: '{"uid": "x", "panels": []}',
      error: /broken\.json: a dashboard needs a string "title"/,
    },
    {
      name: 'no panels',
      text: '{"uid": "x", "title": "t", "panels": []}',
      error: /broken\.json: the dashboard has no panels/,
    },
    {
      name: 'a panel without a query',
      text: '{"uid": "x", "title": "t", "panels": [{"type": "stat", "title": "Empty", "targets": []}]}',
      error: /broken\.json: panel "Empty" has no query/,
    },
    {
      name: 'a target without expr',
      text: '{"uid": "x", "title": "t", "panels": [{"type": "stat", "title": "Half", "targets": [{"refId": "A"}]}]}',
      error: /broken\.json: panel "Half" has a target without a PromQL "expr"/,
    },
  ];
  for (const { name, text, error } of malformed) {
    it(`a dashboard with ${name} is rejected, naming the file`, () => {
      assert.throws(() => queriesOf('broken.json', text), error);
    });
  }

  it('reads the panels inside a collapsed row', () => {
    const queries = queriesOf(
      'rows.json',
      JSON.stringify({
        uid: 'r',
        title: 'Rows',
        panels: [
          {
            type: 'row',
            title: 'Row',
            panels: [{ type: 'stat', title: 'Inner', targets: [{ refId: 'A', expr: 'up' }] }],
          },
        ],
      }),
    );
    assert.deepEqual(
      queries.map((query) => query.panel),
      ['Inner'],
    );
  });

  const substitutions = [
    { expr: 'rate(x[$__rate_interval])', promql: 'rate(x[30s])' },
    { expr: 'increase(x[$__range])', promql: 'increase(x[5m])' },
    { expr: 'rate(x[$__interval])', promql: 'rate(x[30s])' },
    { expr: 'x{tenant=~"$tenant",a="b"}', promql: 'x{tenant=~".*",a="b"}' },
  ];
  for (const { expr, promql } of substitutions) {
    it(`turns ${expr} into ${promql}`, () => {
      assert.equal(toPromQL(expr, window), promql);
    });
  }
});
