/**
 * INV-9 as a check on request schemas: every value a request may carry is bounded, so that nothing a client can send
 * overflows the column (or the JavaScript number) it ends up in. The plugin host refuses a route whose `body`,
 * `querystring`, `params` or `headers` schema breaks a rule, naming the JSON pointer of the offending sub-schema.
 *
 * Rules (a sub-schema that may be a…):
 * - string needs `maxLength` — `format` (uuid, date-time…) and `pattern` do not count, whatever they imply;
 * - number or integer needs a lower (`minimum`/`exclusiveMinimum`) and an upper (`maximum`/`exclusiveMaximum`) bound;
 * - array needs `maxItems`, and its items are checked;
 * - object: each property is checked; in a body, other keys must be refused (`additionalProperties: false`) or
 *   described by a schema that is itself bounded (`additionalProperties: {…}` or `patternProperties`), plus
 *   `maxProperties`. The top level of `querystring`, `params` and `headers` may stay open: undeclared keys never reach
 *   a handler's typed input, and the request line and headers are bounded by Node's header size limit;
 * - a schema with no `type` (accepts anything) is unbounded.
 * Decided explicitly: `enum` and `const` are bounded (a finite set of literal values), whatever `type` says.
 * `anyOf`/`oneOf`/`allOf` branches are each checked; `not` is ignored (it only narrows).
 */

type Schema = Record<string, unknown>

const has = (s: Schema, ...keys: string[]) => keys.some((k) => typeof s[k] === 'number')
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1')

/** The problems of one request-part schema, each `"<pointer>: <what is unbounded>"` (empty when bounded). */
export function unboundedProblems(schema: unknown, pointer = '', openTop = false): string[] {
  if (schema === true || schema === undefined) return [`${pointer}: accepts any value`]
  if (schema === false || typeof schema !== 'object' || schema === null) return []
  const s = schema as Schema
  if ('enum' in s || 'const' in s) return []
  const out: string[] = []
  let composed = false
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = s[key]
    if (!Array.isArray(branches)) continue
    composed = true
    branches.forEach((b, i) => out.push(...unboundedProblems(b, `${pointer}/${key}/${i}`)))
  }
  const types = s.type === undefined ? [] : ([] as unknown[]).concat(s.type)
  if (!types.length) {
    if (!composed) out.push(`${pointer}: has no type (accepts any value)`)
    return out
  }
  const at = pointer
  if (types.includes('string') && !has(s, 'maxLength')) out.push(`${at}: string without maxLength`)
  if ((types.includes('number') || types.includes('integer'))) {
    if (!has(s, 'minimum', 'exclusiveMinimum')) out.push(`${at}: number without minimum`)
    if (!has(s, 'maximum', 'exclusiveMaximum')) out.push(`${at}: number without maximum`)
  }
  if (types.includes('array')) {
    if (!has(s, 'maxItems')) out.push(`${at}: array without maxItems`)
    if (Array.isArray(s.prefixItems)) s.prefixItems.forEach((item, i) => out.push(...unboundedProblems(item, `${pointer}/prefixItems/${i}`)))
    if (Array.isArray(s.items)) s.items.forEach((item, i) => out.push(...unboundedProblems(item, `${pointer}/items/${i}`)))
    else if (s.items !== undefined || !Array.isArray(s.prefixItems)) out.push(...unboundedProblems(s.items, `${pointer}/items`))
  }
  if (types.includes('object')) {
    for (const [key, sub] of Object.entries((s.properties ?? {}) as Record<string, unknown>)) out.push(...unboundedProblems(sub, `${pointer}/properties/${escape(key)}`))
    const patterns = Object.entries((s.patternProperties ?? {}) as Record<string, unknown>)
    for (const [key, sub] of patterns) out.push(...unboundedProblems(sub, `${pointer}/patternProperties/${escape(key)}`))
    const extra = s.additionalProperties
    if (extra !== false && !(openTop && pointer === '')) {
      if (typeof extra === 'object' && extra !== null) out.push(...unboundedProblems(extra, `${pointer}/additionalProperties`))
      else if (!patterns.length) out.push(`${at}: object accepts any other property (set additionalProperties: false or a bounded schema)`)
      if (!has(s, 'maxProperties')) out.push(`${at}: object with open properties but no maxProperties`)
    }
  }
  return out
}

/** The problems of a route's request schemas, each naming its part and JSON pointer (`body#/properties/name: …`). */
export function requestSchemaProblems(schema: Record<string, unknown> | undefined): string[] {
  if (!schema) return []
  const out: string[] = []
  for (const part of ['body', 'querystring', 'params', 'headers']) {
    if (schema[part] !== undefined) out.push(...unboundedProblems(schema[part], '', part !== 'body').map((p) => `${part}#${p}`))
  }
  return out
}
