/**
 * Keyset cursor for lists ordered newest first by (time, id): the last row's time and id,
 * base64url-encoded so clients treat it as opaque. Ties on time are broken by id.
 */
export interface TimeCursor {
  at: string;
  id: string;
}

export function encodeCursor(cursor: TimeCursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`, 'utf8').toString('base64url');
}

/** null when the text is not a cursor this API made. */
export function decodeCursor(text: string): TimeCursor | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(text)) return null;
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  const bar = decoded.indexOf('|');
  if (bar <= 0) return null;
  const at = decoded.slice(0, bar);
  const id = decoded.slice(bar + 1);
  if (Number.isNaN(Date.parse(at)) || !/^[a-z]{2,4}_[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  return { at: new Date(at).toISOString(), id };
}
