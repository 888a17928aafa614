import { z } from 'zod';
import { type EgressPolicy, egressPolicy, InvalidCidrError, parseCidr } from './egress-policy.js';

const commaList = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

/**
 * Env fields of the egress policy; the worker and the API spread them into their env schema so
 * both judge URLs the same way. The mode itself is HOOKSTREAM_ENV (service-kit's envFields).
 */
export const egressEnvShape = {
  /**
   * Production only: also accept plain http:// URLs (and port 80). Off by default because a
   * signed payload over plain HTTP can be read and replayed on the way.
   */
  HOOKSTREAM_EGRESS_ALLOW_HTTP: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
  /**
   * Production only: TCP ports a subscription URL may name, comma-separated. Empty = 443 and
   * 8443, plus 80 when HTTP is allowed. Limits what a tenant can probe on a public host.
   */
  HOOKSTREAM_EGRESS_PORTS: z
    .string()
    .default('')
    .transform(commaList)
    .pipe(
      z.array(
        z
          .string()
          .regex(/^\d{1,5}$/, 'expected port numbers')
          .transform(Number)
          .pipe(z.number().int().min(1).max(65_535)),
      ),
    ),
  /**
   * CIDRs that may be reached although private, comma-separated, e.g. "10.20.0.0/16,fd12::/48":
   * for on-premise receivers. Cloud metadata addresses stay refused whatever is listed.
   */
  HOOKSTREAM_EGRESS_ALLOW_CIDRS: z
    .string()
    .default('')
    .transform(commaList)
    .superRefine((cidrs, context) => {
      for (const cidr of cidrs) {
        try {
          parseCidr(cidr);
        } catch (error) {
          if (!(error instanceof InvalidCidrError)) throw error;
          context.addIssue({ code: 'custom', message: error.message });
        }
      }
    }),
} as const;

export const EgressEnv = z.object(egressEnvShape);
export type EgressEnv = z.infer<typeof EgressEnv>;

export function policyFromEnv(env: EgressEnv, mode: 'production' | 'development'): EgressPolicy {
  return egressPolicy({
    mode,
    allowHttp: env.HOOKSTREAM_EGRESS_ALLOW_HTTP,
    ...(env.HOOKSTREAM_EGRESS_PORTS.length > 0 ? { allowedPorts: env.HOOKSTREAM_EGRESS_PORTS } : {}),
    allowCidrs: env.HOOKSTREAM_EGRESS_ALLOW_CIDRS,
  });
}
