/** Creates the demo subscription over the public REST API, as a customer would. */
export async function createSubscription(
  apiUrl: string,
  apiKey: string,
  body: { url: string; eventTypes: string[]; description: string },
): Promise<{ id: string; secret: string }> {
  const response = await fetch(new URL('/v1/subscriptions', apiUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 201)
    throw new Error(`creating the subscription failed: HTTP ${response.status} ${text}`);
  const created = JSON.parse(text) as { id: string; secret: string };
  return { id: created.id, secret: created.secret };
}
