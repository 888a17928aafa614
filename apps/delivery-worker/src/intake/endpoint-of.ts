/**
 * The endpoint a delivery goes to: its URL's origin (scheme, host and port). Isolation, slots
 * and the circuit breaker are kept per endpoint, because that is what a slow or dead receiver is.
 */
export function endpointOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    // The contract guarantees a URL; a bad one still gets a lane of its own, never a shared one.
    return `invalid:${url}`;
  }
}
