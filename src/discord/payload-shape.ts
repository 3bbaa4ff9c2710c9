// What a request body looked like without what it said: for logging a request Discord
// refused as malformed (a bug of ours) without writing strangers' text or a user's
// words into the log. Strings become their length in characters; numbers, booleans
// and null stay what kind they are; arrays and objects keep their structure and keys.

export type PayloadShape = number | 'number' | 'boolean' | 'null' | PayloadShape[] | { [field: string]: PayloadShape };

/** Nesting deeper than Discord's bodies go is cut off here. */
const MAX_DEPTH = 8;

/** The structure of `value` with every string replaced by its length (in code points, as Discord counts). */
export function payloadShape(value: unknown, depth = 0): PayloadShape {
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- code points are what Discord counts
  if (typeof value === 'string') return [...value].length;
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (value === null || value === undefined || depth >= MAX_DEPTH) return 'null';
  if (Array.isArray(value)) return value.map((item) => payloadShape(item, depth + 1));
  if (typeof value !== 'object') return 'null';
  const shape: Record<string, PayloadShape> = {};
  for (const [field, inner] of Object.entries(value)) shape[field] = payloadShape(inner, depth + 1);
  return shape;
}
