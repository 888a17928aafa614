import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promtool, repoRoot } from '@hookstream/testkit';

const rulesDir = join(repoRoot(), 'infra/prometheus/rules');
const testsDir = join(repoRoot(), 'infra/prometheus/tests');
const ruleFiles = readdirSync(rulesDir)
  .filter((name) => name.endsWith('.yml'))
  .map((name) => join(rulesDir, name));

/** `- alert: Name` blocks of a rules file with the runbook annotation of each. */
function alertsOf(text: string): Array<{ alert: string; runbook: string | undefined }> {
  return text
    .split(/^\s*- alert:\s*/m)
    .slice(1)
    .map((block) => ({
      alert: block.split('\n')[0]?.trim() ?? '',
      runbook: /^\s*runbook:\s*(\S+)/m.exec(block)?.[1],
    }));
}

describe('Prometheus alert rules', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'hookstream-rules-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('parse and pass `promtool check rules`', async () => {
    assert.ok(ruleFiles.length > 0, `no rule files in ${rulesDir}`);
    const { code, output } = await promtool(['check', 'rules', ...ruleFiles]);
    assert.equal(code, 0, output);
  });

  it('pass their unit tests (`promtool test rules`)', async () => {
    const tests = readdirSync(testsDir)
      .filter((name) => name.endsWith('.test.yml'))
      .map((name) => join(testsDir, name));
    assert.ok(tests.length > 0, `no rule tests in ${testsDir}`);
    const { code, output } = await promtool(['test', 'rules', ...tests]);
    assert.equal(code, 0, output);
  });

  it('cover the five alerts the issue asks for, each with a runbook that exists', () => {
    const alerts = ruleFiles.flatMap((file) => alertsOf(readFileSync(file, 'utf8')));
    assert.deepEqual(alerts.map(({ alert }) => alert).sort(), [
      'HookstreamCircuitBreakerOpen',
      'HookstreamConsumerLagHigh',
      'HookstreamDeadLetterGrowing',
      'HookstreamNoDeliveriesWhileEventsArrive',
      'HookstreamOutboxStuck',
    ]);
    for (const { alert, runbook } of alerts) {
      assert.ok(runbook !== undefined, `${alert} has no runbook annotation`);
      assert.ok(existsSync(join(repoRoot(), runbook)), `${alert}: runbook ${runbook} does not exist`);
      assert.match(readFileSync(join(repoRoot(), runbook), 'utf8'), new RegExp(`^# ${alert}$`, 'm'));
    }
  });

  it('the docker-compose Prometheus config is valid and loads the rules (`promtool check config`)', async () => {
    // In the container the rules are mounted at /etc/prometheus/rules; here they are in the repo.
    const config = readFileSync(join(repoRoot(), 'infra/prometheus/prometheus.yml'), 'utf8').replace(
      '/etc/prometheus/rules',
      rulesDir,
    );
    const copy = join(scratch, 'prometheus.yml');
    writeFileSync(copy, config);
    const { code, output } = await promtool(['check', 'config', copy]);
    assert.equal(code, 0, output);
    assert.match(output, /SUCCESS: 5 rules found/);
  });

  it('a rule that does not parse fails the check, and the output names the rule', async () => {
    const [file] = ruleFiles;
    assert.ok(file);
    const broken = readFileSync(file, 'utf8').replace(
      'max(hookstream_api_outbox_oldest_unpublished_age_seconds) > 60',
      'max(hookstream_api_outbox_oldest_unpublished_age_seconds > 60',
    );
    const copy = join(scratch, 'broken.yml');
    writeFileSync(copy, broken);
    const { code, output } = await promtool(['check', 'rules', copy]);
    assert.notEqual(code, 0);
    assert.match(output, /"HookstreamOutboxStuck": could not parse expression/);
  });
});
