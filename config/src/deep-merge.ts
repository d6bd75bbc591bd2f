/**
 * Merges configuration layers: plain objects merge key by key, anything else (arrays included) replaces.
 */

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Returns a new object: `base` overlaid with each of `layers` in order. */
export function deepMerge(base: Record<string, unknown>, ...layers: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(base)
  for (const layer of layers) {
    if (!isPlainObject(layer)) continue
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue
      const current = out[key]
      out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : structuredClone(value)
    }
  }
  return out
}
