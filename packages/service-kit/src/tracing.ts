import { context, propagation, trace } from '@opentelemetry/api';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace';
import { z } from 'zod';
import { loadEnv } from './env.js';

/** The standard OpenTelemetry variables this module reads (the SDK's own names, not ours). */
export const TracingEnv = z.object({
  // Base URL of an OTLP/HTTP collector, e.g. http://127.0.0.1:4318; spans go to <url>/v1/traces.
  // Unset: tracing is off, nothing is registered and spans cost a no-op call.
  // An empty value counts as unset, as in .env.example.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.url().optional(),
  ),
  // Overrides the service name given in code (the `service.name` resource attribute).
  OTEL_SERVICE_NAME: z.preprocess((value) => (value === '' ? undefined : value), z.string().optional()),
  // Milliseconds between batch exports (the OpenTelemetry name; SDK 3 no longer reads it itself).
  // Lower it to see spans sooner, e.g. in tests; higher means fewer, larger exports.
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().min(1).default(5000),
});
export type TracingEnv = z.infer<typeof TracingEnv>;

export interface Tracing {
  /** True when spans are recorded and exported. */
  readonly enabled: boolean;
  /** Exports the spans still buffered (at most 3 s), then stops; call once on shutdown. */
  shutdown(): Promise<void>;
}

export interface StartTracingOptions {
  /** Read instead of process.env (tests). */
  env?: Record<string, string | undefined>;
  /**
   * Export here instead of OTLP, with no batching (tests: an InMemorySpanExporter). Turns
   * tracing on even without OTEL_EXPORTER_OTLP_ENDPOINT.
   */
  exporter?: SpanExporter;
}

const OFF: Tracing = { enabled: false, shutdown: async () => {} };

/** Longest the final span export may take at shutdown, in ms; spans not out by then are dropped. */
const SHUTDOWN_FLUSH_LIMIT_MS = 3_000;

/**
 * Turns OpenTelemetry tracing on for this process when OTEL_EXPORTER_OTLP_ENDPOINT is set (or a
 * test exporter is given): a tracer provider with the service's name, an AsyncLocalStorage
 * context manager so the active span follows awaits, and the W3C propagator. Call it in main.ts
 * before Nest starts. Otherwise it registers nothing and returns a handle whose shutdown does
 * nothing. A malformed endpoint rejects with InvalidConfigError naming the variable.
 *
 * The SDK, the OTLP exporter and the semantic conventions are imported only when tracing is on:
 * loaded for nothing they cost each service about 3 MB of heap and 9 MB of RSS (issue 7's
 * 200-MB bound). `@opentelemetry/api` alone makes every span a no-op.
 */
export async function startTracing(service: string, options: StartTracingOptions = {}): Promise<Tracing> {
  const env = loadEnv(TracingEnv, options.env ?? process.env);
  if (options.exporter === undefined && env.OTEL_EXPORTER_OTLP_ENDPOINT === undefined) return OFF;
  const [
    { AsyncLocalStorageContextManager },
    { W3CTraceContextPropagator },
    { defaultResource, resourceFromAttributes },
    sdk,
    { ATTR_SERVICE_NAME },
  ] = await Promise.all([
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/core'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/semantic-conventions'),
  ]);
  const processor = await spanProcessor(sdk, env, options.exporter);
  if (processor === undefined) return OFF;
  const provider = new sdk.TracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME ?? service }),
    ),
    spanProcessors: [processor],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());

  let stopped = false;
  return {
    enabled: true,
    async shutdown() {
      if (stopped) return;
      stopped = true;
      // Bounded: a collector that does not answer must not hold the process's exit.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        provider.shutdown().catch(() => undefined),
        new Promise((resolve) => {
          timer = setTimeout(resolve, SHUTDOWN_FLUSH_LIMIT_MS);
        }),
      ]);
      clearTimeout(timer);
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** The test exporter unbatched, else OTLP/HTTP (JSON) to <endpoint>/v1/traces batched, else none. */
async function spanProcessor(
  { BatchSpanProcessor, SimpleSpanProcessor }: typeof import('@opentelemetry/sdk-trace'),
  env: TracingEnv,
  exporter: SpanExporter | undefined,
): Promise<SpanProcessor | undefined> {
  if (exporter !== undefined) return new SimpleSpanProcessor({ exporter });
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (endpoint === undefined) return undefined;
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  // Up to 512 spans per export (the SDK's default), at least every OTEL_BSP_SCHEDULE_DELAY ms.
  return new BatchSpanProcessor({
    exporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }),
    scheduledDelayMillis: env.OTEL_BSP_SCHEDULE_DELAY,
  });
}
