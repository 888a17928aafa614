import { DEFAULT_ROTATION_OVERLAP_SECONDS } from '@hookstream/signatures';
import { z } from 'zod';

export const RotateSecretBody = z.strictObject({
  /** How long the previous secret keeps signing beside the new one, in seconds (max 7 days). */
  overlapSeconds: z.number().int().min(0).max(604_800).default(DEFAULT_ROTATION_OVERLAP_SECONDS),
  /** Bring your own new secret; generated when omitted. */
  secret: z.string().min(16).max(256).optional(),
});
export type RotateSecretBody = z.infer<typeof RotateSecretBody>;

export interface RotatedSecret {
  /** The new secret in clear: shown here once (unless the policy is `retrievable`). */
  secret: string;
  /** When the previous secret stops signing; equal to now when the overlap is 0. */
  previousSecretExpiresAt: string;
}

export interface RevealedSecret {
  secret: string;
}
