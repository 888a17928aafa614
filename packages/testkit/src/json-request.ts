export interface JsonResponse {
  status: number;
  contentType: string;
  json: Record<string, unknown>;
}

/**
 * One HTTP call to a service under test: Bearer key when given, a JSON body (a string is sent
 * as it is, to test malformed bodies), and the answer parsed whatever its status.
 */
export async function jsonRequest(
  url: string,
  options: { method?: string; apiKey?: string | null; body?: unknown } = {},
): Promise<JsonResponse> {
  const { method = 'GET', apiKey = null, body } = options;
  const response = await fetch(url, {
    method,
    headers: {
      ...(apiKey === null ? {} : { authorization: `Bearer ${apiKey}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    json: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
  };
}
