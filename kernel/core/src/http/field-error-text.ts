/**
 * The words of a field error. ajv describes a failed keyword in schema terms (`must match format "email"`,
 * `must NOT have fewer than 1 characters`, `must be >= 1`); a person filling a form needs `must be an e-mail address`,
 * `must not be empty`, `must be at least 1`. Every field error the kernel sends — request bodies, query strings and
 * path parameters (`problem-handler.ts`) and plugin configuration (`enablement-service.ts`) — is worded here, once.
 */
import type { FieldError } from '@tessera/sdk'

/** The parts of an ajv error this module reads. */
export interface AjvLikeError {
  instancePath: string
  keyword: string
  message?: string
  params: Record<string, unknown>
}

const formats: Record<string, string> = {
  email: 'must be an e-mail address',
  uuid: 'must be a valid id',
  'date-time': 'must be a date and time such as 2026-05-01T09:00:00Z',
  date: 'must be a date such as 2026-05-01',
  time: 'must be a time such as 09:30',
  'iana-timezone': 'must be a time zone such as Europe/London',
  uri: 'must be a web address',
  url: 'must be a web address',
  hostname: 'must be a host name',
  ipv4: 'must be an IPv4 address',
  ipv6: 'must be an IPv6 address',
}

const types: Record<string, string> = {
  string: 'must be text',
  number: 'must be a number',
  integer: 'must be a whole number',
  boolean: 'must be yes or no (true or false)',
  array: 'must be a list',
  object: 'must be a group of fields',
  null: 'must be empty',
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** A sentence fragment for one ajv error (`must be at least 1`), shown after the field's name. */
export function fieldErrorDetail(e: AjvLikeError): string {
  const p = e.params
  switch (e.keyword) {
    case 'required': return 'is required'
    case 'additionalProperties': return 'is not allowed'
    case 'format': return formats[String(p.format)] ?? 'has the wrong format'
    case 'pattern': return 'has the wrong format'
    case 'type': {
      const wanted = ([] as unknown[]).concat(p.type).map(String)
      return wanted.length === 1 ? (types[wanted[0]] ?? 'has the wrong type') : wanted.includes('null') && wanted.length === 2
        ? `${types[wanted.find((w) => w !== 'null')!] ?? 'has the wrong type'} or empty` : 'has the wrong type'
    }
    case 'minLength': return Number(p.limit) <= 1 ? 'must not be empty' : `must be at least ${plural(Number(p.limit), 'character')}`
    case 'maxLength': return `must be at most ${plural(Number(p.limit), 'character')}`
    case 'minimum': return `must be at least ${p.limit}`
    case 'maximum': return `must be at most ${p.limit}`
    case 'exclusiveMinimum': return `must be more than ${p.limit}`
    case 'exclusiveMaximum': return `must be less than ${p.limit}`
    case 'multipleOf': return `must be a multiple of ${p.multipleOf}`
    case 'minItems': return Number(p.limit) <= 1 ? 'must have at least one item' : `must have at least ${plural(Number(p.limit), 'item')}`
    case 'maxItems': return `must have at most ${plural(Number(p.limit), 'item')}`
    case 'uniqueItems': return 'must not list the same item twice'
    case 'minProperties': return 'must change at least one field'
    case 'maxProperties': return `must have at most ${plural(Number(p.limit), 'field')}`
    case 'enum': {
      const allowed = (p.allowedValues as unknown[] | undefined)?.filter((v) => v !== null) ?? []
      return allowed.length && allowed.length <= 8 ? `must be one of ${allowed.map((v) => String(v)).join(', ')}` : 'is not one of the allowed values'
    }
    case 'const': return `must be ${String(p.allowedValue)}`
    case 'anyOf': case 'oneOf': return 'is not valid'
    case 'not': return 'is not allowed here'
    default: return e.message ?? 'is not valid'
  }
}

/**
 * Converts ajv errors of one request part (`body`, `querystring`, `params`, or `config`) into field errors: the pointer
 * names the field (a missing or unknown property included), the detail says what is wrong in words. An `anyOf`/`oneOf`
 * failure whose branches were also reported is left out (its branches already say it), and repeated lines are merged.
 */
export function fieldErrors(part: string, errors: readonly AjvLikeError[], words: { unknownField?: string } = {}): FieldError[] {
  const out: FieldError[] = []
  const seen = new Set<string>()
  for (const e of errors) {
    const extra = (e.params.missingProperty ?? e.params.additionalProperty) as string | undefined
    const pointer = `/${part}${e.instancePath}${extra ? `/${extra}` : ''}`
    const branches = errors.filter((o) => o !== e && o.instancePath === e.instancePath)
    if ((e.keyword === 'anyOf' || e.keyword === 'oneOf') && branches.length) continue
    // a nullable field's `null` branch: "or empty" is no help next to what the value must be
    if (e.keyword === 'type' && e.params.type === 'null' && branches.some((o) => o.keyword === 'anyOf' || o.keyword === 'oneOf')) continue
    const detail = e.keyword === 'additionalProperties' && words.unknownField ? words.unknownField : fieldErrorDetail(e)
    const key = `${pointer}\n${detail}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ pointer, detail })
  }
  return out
}
