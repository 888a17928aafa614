/**
 * PostgreSQL text cannot hold NUL (U+0000), and a lone UTF-16 surrogate has no UTF-8 form, so
 * either would fail deep in the driver as a 500. They are found here, before validation, in any
 * string or object key of a request part, and reported by path so the client knows which field.
 */
export interface UnsafeText {
  /** Dotted path, e.g. "description" or "headers.X-Key"; the root name when the value itself is a string. */
  field: string;
  message: string;
}

const NUL_MESSAGE = 'must not contain the NUL character (\\u0000)';
const SURROGATE_MESSAGE = 'must be well-formed Unicode (no lone UTF-16 surrogate such as \\udfff)';

export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return NUL_MESSAGE;
  if (!value.isWellFormed()) return SURROGATE_MESSAGE;
  return null;
}

/** Every unsafe string in `value`, depth-first; bounded by the depth of parsed JSON (body-parser limits its size). */
export function findUnsafeText(value: unknown, rootName: string, path: string[] = []): UnsafeText[] {
  const field = () => (path.length > 0 ? path.join('.') : rootName);
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? [{ field: field(), message }] : [];
  }
  if (Array.isArray(value))
    return value.flatMap((item, index) => findUnsafeText(item, rootName, [...path, String(index)]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => {
      const keyMessage = textProblem(key);
      // A bad key cannot be printed safely either; name it by its parent and position.
      const keyProblems = keyMessage
        ? [{ field: [...path, '(key)'].join('.') || rootName, message: `a field name ${keyMessage}` }]
        : [];
      return [...keyProblems, ...findUnsafeText(item, rootName, [...path, key])];
    });
  }
  return [];
}
