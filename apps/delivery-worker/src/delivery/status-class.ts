/** The label values of `hookstream_worker_attempts_total{status_class}`: bounded, never a raw code. */
export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | 'no_response';

/**
 * The HTTP status class of an attempt's answer; `no_response` when there was none (a timeout, a
 * connection error, an open breaker) or the code is outside 100–599.
 */
export function statusClass(statusCode: number | null): StatusClass {
  if (statusCode === null || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599)
    return 'no_response';
  return `${Math.floor(statusCode / 100)}xx` as StatusClass;
}
