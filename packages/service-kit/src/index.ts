export { InvalidConfigError, loadEnv, runMain } from './env.js';
export { DEPLOYMENT_MODES, type DeploymentMode, envFields } from './env-fields.js';
export { type HealthCheck, HealthChecks, type HealthReport } from './health-checks.js';
export { type HttpServiceOptions, requestShutdown, startHttpService } from './http-app.js';
export { JsonLogger, type JsonLogLevel } from './json-logger.js';
export { Liveness, type LivenessCheck } from './liveness.js';
export { CappedLabelValues, OTHER_LABEL, topWithOther } from './metric-labels.js';
export { ObservabilityModule } from './observability.module.js';
export {
  type FieldError,
  PROBLEM_CONTENT_TYPE,
  type ProblemDetails,
  ProblemException,
  problemType,
} from './problem.js';
export { ProblemJsonFilter, toProblem } from './problem-json.filter.js';
export { Readiness, type ReadinessCheck } from './readiness.js';
export { activeTraceFields, type TraceFields } from './trace-fields.js';
export { type StartTracingOptions, startTracing, type Tracing, TracingEnv } from './tracing.js';
export { ZodPipe } from './zod-body.pipe.js';
