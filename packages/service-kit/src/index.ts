export { InvalidConfigError, loadEnv, runMain } from './env.js';
export { DEPLOYMENT_MODES, type DeploymentMode, envFields } from './env-fields.js';
export { type HealthCheck, HealthChecks, type HealthReport } from './health-checks.js';
export { type HttpServiceOptions, requestShutdown, startHttpService } from './http-app.js';
export { JsonLogger } from './json-logger.js';
export { Liveness, type LivenessCheck } from './liveness.js';
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
export { ZodPipe } from './zod-body.pipe.js';
