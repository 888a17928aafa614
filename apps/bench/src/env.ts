import { z } from 'zod';

/** The bench's environment, checked before anything starts. */
export const BenchEnv = z.object({
  /** Bootstrap brokers (host:port, comma-separated); the bench reuses the running broker. */
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) =>
      value
        .split(',')
        .map((broker) => broker.trim())
        .filter(Boolean),
    ),
  /**
   * Maintenance database of the Postgres server; the bench creates its own database
   * hookstream_bench_<run> beside it and drops it at the end.
   */
  HOOKSTREAM_BENCH_PG_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .default('postgres://postgres@127.0.0.1:5432/postgres'),
});
export type BenchEnv = z.infer<typeof BenchEnv>;

export function readBenchEnv(source: NodeJS.ProcessEnv = process.env): BenchEnv {
  const parsed = BenchEnv.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid ${String(issue?.path[0] ?? 'environment')}: ${issue?.message ?? 'bad value'}`);
  }
  return parsed.data;
}
