/**
 * Canonical JSON: the byte string both sides of a signature compute. Values are first normalised exactly as a JSON
 * round trip would (so `undefined` properties vanish and dates become strings, as they do on the wire), then
 * serialised with object keys sorted by code unit and no whitespace. Signing the canonical form rather than the
 * received text means key order and formatting never break a valid signature.
 */

/**
 * Serialise a JSON-compatible value canonically.
 *
 * @param value - any value `JSON.stringify` accepts
 * @returns the canonical JSON text
 * @throws TypeError for values JSON cannot represent (top-level `undefined`, functions, symbols, BigInt, cycles)
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value)
  if (text === undefined) throw new TypeError('value has no JSON representation')
  return serialise(JSON.parse(text))
}

function serialise(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(serialise).join(',')}]`
  const record = value as Record<string, unknown>
  const keys = Object.keys(record).sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${serialise(record[k])}`).join(',')}}`
}
