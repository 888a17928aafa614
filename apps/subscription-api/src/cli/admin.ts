import { parseArgs } from 'node:util';
import { loadEnv, runMain } from '@hookstream/service-kit';
import pg from 'pg';
import { migrate } from '../database/migrate.js';
import { ApiEnv } from '../env.js';
import { createTenantWithKey } from '../tenants/create-tenant.js';

const USAGE = `usage: node apps/subscription-api/dist/cli/admin.js <command> [options]

commands:
  migrate                         create the database if missing and apply migrations
  create-tenant --name <name>     create a tenant and its first API key (printed once)
                [--json]          print {"tenantId","keyId","apiKey"} as JSON

environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/hookstream)`;

/** The CLI needs only the database: same variable, default and check as the service. */
const AdminEnv = ApiEnv.pick({ DATABASE_URL: true });

await runMain(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const env = loadEnv(AdminEnv);
  const command = positionals[0];
  if (command === 'migrate') {
    const applied = await migrate(env.DATABASE_URL);
    process.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'up to date\n');
    return;
  }
  if (command === 'create-tenant' && values.name) {
    await migrate(env.DATABASE_URL);
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 1 });
    try {
      const created = await createTenantWithKey(pool, values.name);
      process.stdout.write(
        values.json
          ? `${JSON.stringify(created)}\n`
          : `tenant ${created.tenantId}\napi key ${created.apiKey}\n(the key is shown only now; store it safely)\n`,
      );
    } finally {
      await pool.end();
    }
    return;
  }
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = 2;
});
