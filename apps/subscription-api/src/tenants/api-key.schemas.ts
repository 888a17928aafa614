import { z } from 'zod';

/** `read`: GET routes; `write`: every other method. A write key must also read. */
export const API_KEY_SCOPES = ['read', 'write'] as const;
export const ApiKeyScope = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;

export const CreateApiKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  scopes: z
    .array(ApiKeyScope)
    .min(1)
    .max(2)
    .refine((scopes) => new Set(scopes).size === scopes.length, 'list each scope once')
    .refine(
      (scopes) => !scopes.includes('write') || scopes.includes('read'),
      'a write key must also have "read"',
    )
    .default(['read', 'write']),
});
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBody>;

const KeyIdPattern = /^key_[A-Za-z0-9_-]{1,64}$/;
export const ApiKeyIdParam = z.string().regex(KeyIdPattern, 'expected a key_ id');

export const ListApiKeysQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().regex(KeyIdPattern, 'expected the nextCursor of a previous page (a key_ id)').optional(),
});
export type ListApiKeysQuery = z.infer<typeof ListApiKeysQuery>;

export interface CreatedApiKeyResponse {
  id: string;
  /** The key in clear: shown only in this answer, never stored. */
  key: string;
  name: string;
  scopes: ApiKeyScope[];
  createdAt: string;
}

export interface ApiKeyResponse {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  /** `****` + the key's last 4 characters. */
  keyHint: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiKeyPage {
  data: ApiKeyResponse[];
  nextCursor: string | null;
}
