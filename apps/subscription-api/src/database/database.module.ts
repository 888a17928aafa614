import { Readiness } from '@hookstream/service-kit';
import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { API_ENV, type ApiEnv } from '../env.js';

/** Nest token of the shared pg.Pool. */
export const PG_POOL = Symbol('PG_POOL');

@Global()
@Module({
  providers: [
    {
      provide: PG_POOL,
      inject: [API_ENV],
      // 10 connections: the API's queries are short; more would only queue inside Postgres.
      useFactory: (env: ApiEnv) => new pg.Pool({ connectionString: env.DATABASE_URL, max: 10 }),
    },
  ],
  exports: [PG_POOL],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(Readiness) readiness: Readiness,
  ) {
    // Ready only while Postgres answers: every API route reads or writes it.
    readiness.register('database', async () => (await this.pool.query('SELECT 1')).rowCount === 1);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
