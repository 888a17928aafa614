import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { InvalidConfigError, loadEnv } from './env.js';
import { envFields } from './env-fields.js';

describe('envFields.deploymentMode (HOOKSTREAM_ENV)', () => {
  const ServiceEnv = z.object({ HOOKSTREAM_ENV: envFields.deploymentMode() });
  const ToolEnv = z.object({ HOOKSTREAM_ENV: envFields.deploymentMode('development') });

  it('is production when unset, so a forgotten variable fails safe', () => {
    assert.equal(loadEnv(ServiceEnv, {}).HOOKSTREAM_ENV, 'production');
  });

  it('takes the default a tool asks for', () => {
    assert.equal(loadEnv(ToolEnv, {}).HOOKSTREAM_ENV, 'development');
  });

  it('accepts both modes', () => {
    for (const mode of ['production', 'development'] as const) {
      assert.equal(loadEnv(ServiceEnv, { HOOKSTREAM_ENV: mode }).HOOKSTREAM_ENV, mode);
    }
  });

  it('refuses anything else, naming the variable', () => {
    for (const value of ['prod', 'dev', 'Production', 'staging', '']) {
      assert.throws(
        () => loadEnv(ServiceEnv, { HOOKSTREAM_ENV: value }),
        (error: unknown) =>
          error instanceof InvalidConfigError &&
          error.problems.some((line) => line.startsWith('HOOKSTREAM_ENV:')),
        value,
      );
    }
  });
});
