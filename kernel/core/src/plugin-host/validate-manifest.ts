/**
 * Validates a plugin declaration in one pass: the data against `manifest-schema.ts` (ajv, every error listed) and,
 * alongside, the rules JSON Schema cannot say — semver version and range, functions where functions belong, names
 * prefixed with the plugin id, custom-element tags prefixed with the id, contracts (service refs, events, extension
 * points) that belong to the plugin itself, and config and event payload schemas that ajv can compile. Every problem is
 * reported together, so an author fixes a manifest in one round; the own checks tolerate data the schema refused.
 */
import { Ajv } from 'ajv'
import semver from 'semver'
import type { PluginDefinition } from '@tessera/sdk'
import { manifestSchema } from './manifest-schema.ts'
import { makeAjv } from '../http/validator-compiler.ts'

const ajv = new Ajv({ allErrors: true, strict: false })
const validateData = ajv.compile(manifestSchema)
const configAjv = makeAjv()

type Loose = Record<string, unknown>
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v)
/** The entries of a record (none when it is not one). */
const entries = (v: unknown): [string, unknown][] => (isObject(v) ? Object.entries(v) : [])
/** The items of an array (none when it is not one). */
const items = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const field = (v: unknown, key: string): unknown => (isObject(v) ? v[key] : undefined)

function compiles(schema: unknown, where: string, problems: string[]): void {
  if (!isObject(schema) && typeof schema !== 'boolean') return
  try {
    configAjv.compile(schema as object)
  } catch (err) {
    problems.push(`${where} does not compile: ${(err as Error).message}`)
  }
}

function duplicates(names: string[], where: string, problems: string[]): void {
  for (const [i, n] of names.entries()) if (names.indexOf(n) !== i) problems.push(`${where} "${n}" is declared twice`)
}

/** Returns the problems of `candidate` (empty when it is a valid plugin definition). */
export function manifestProblems(candidate: unknown): string[] {
  if (typeof candidate !== 'object' || candidate === null) return ['the default export is not a plugin definition (use definePlugin)']
  const problems: string[] = []
  if (!validateData(candidate)) {
    for (const e of validateData.errors ?? []) {
      if (e.keyword === 'if') continue // the branch's own errors say what is wrong
      problems.push(`${e.instancePath || '/'} ${e.message}`)
    }
  }
  const def = candidate as PluginDefinition & Loose
  const id = String(def.id)
  if (typeof def.version !== 'string' || !semver.valid(def.version)) problems.push(`/version "${String(def.version)}" is not a semver version`)
  if (typeof def.kernel !== 'string' || !semver.validRange(def.kernel)) problems.push(`/kernel "${String(def.kernel)}" is not a semver range`)
  for (const [dep, range] of entries(def.dependsOn)) {
    if (typeof range !== 'string' || !semver.validRange(range)) problems.push(`/dependsOn/${dep} "${String(range)}" is not a semver range`)
    if (dep === def.id) problems.push('/dependsOn a plugin cannot depend on itself')
  }
  for (const [dep, range] of entries(def.optionalDependsOn)) {
    if (typeof range !== 'string' || !semver.validRange(range)) problems.push(`/optionalDependsOn/${dep} "${String(range)}" is not a semver range`)
    if (dep === def.id) problems.push('/optionalDependsOn a plugin cannot depend on itself')
    if (def.dependsOn && Object.hasOwn(def.dependsOn, dep)) problems.push(`/optionalDependsOn/${dep} is also in dependsOn`)
  }
  for (const key of ['routes', 'onInstall', 'onUpgrade', 'onEnable', 'onDisable', 'seed', 'onInvitationAccepted', 'onIdentityMessage'] as const) {
    if (def[key] !== undefined && typeof def[key] !== 'function') problems.push(`/${key} must be a function`)
  }
  for (const m of items(def.migrations)) {
    const up = field(m, 'up')
    if (typeof up !== 'string' && typeof up !== 'function') problems.push(`/migrations/${String(field(m, 'name'))}/up must be SQL text or a function`)
  }
  for (const [name, job] of entries(def.jobs)) {
    if (typeof field(job, 'handler') !== 'function') problems.push(`/jobs/${name}/handler must be a function`)
  }
  // services: [provide(ref, factory)] of the plugin's own refs, or the deprecated record of factories
  if (Array.isArray(def.services)) {
    for (const [i, p] of items(def.services).entries()) {
      const ref = field(p, 'ref')
      if (typeof field(p, 'factory') !== 'function') problems.push(`/services/${i} must be provide(ref, factory) with a factory function`)
      if (isObject(ref) && ref.plugin !== def.id) problems.push(`/services/${i} provides "${String(ref.plugin)}.${String(ref.id)}", a service ref of another plugin`)
    }
    duplicates(items(def.services).map((p) => String(field(field(p, 'ref'), 'id'))), '/services', problems)
  } else {
    for (const [name, factory] of entries(def.services)) {
      if (typeof factory !== 'function') problems.push(`/services/${name} must be a factory function`)
    }
  }
  for (const [i, ref] of items(def.consumes).entries()) {
    if (field(ref, 'plugin') === def.id) problems.push(`/consumes/${i} "${id}.${String(field(ref, 'id'))}" is this plugin's own service`)
    const range = field(ref, 'version')
    if (range !== undefined && (typeof range !== 'string' || !semver.validRange(range))) problems.push(`/consumes/${i} version "${String(range)}" is not a semver range`)
  }
  // events: [defineEvent(...)] with a payload schema each, or the deprecated record (a warning at boot without a schema)
  const events: [string, unknown][] = Array.isArray(def.events)
    ? items(def.events).map((e, i) => [typeof field(e, 'name') === 'string' ? String(field(e, 'name')) : `#${i}`, e])
    : entries(def.events)
  for (const [name, e] of events) {
    if (!name.startsWith(id + '.')) problems.push(`/events/${name} must be prefixed with "${id}."`)
    if (Array.isArray(def.events) && field(e, 'schema') === undefined) problems.push(`/events/${name} has no payload schema (defineEvent needs one)`)
    compiles(field(e, 'schema'), `/events/${name}/schema`, problems)
  }
  if (Array.isArray(def.events)) duplicates(events.map(([n]) => n), '/events', problems)
  if (Array.isArray(def.subscribes)) {
    for (const [i, s] of items(def.subscribes).entries()) {
      const name = String(field(field(s, 'event'), 'name'))
      if (typeof field(s, 'handler') !== 'function') problems.push(`/subscribes/${i} (${name}) must be on(event, handler) with a handler function`)
      compiles(field(field(s, 'event'), 'schema'), `/subscribes/${i} (${name}) schema`, problems)
    }
  } else {
    for (const [name, handler] of entries(def.subscribes)) {
      if (typeof handler !== 'function') problems.push(`/subscribes/${name} must be a function`)
    }
  }
  for (const [i, point] of items(def.extensionPoints).entries()) {
    if (field(point, 'plugin') !== def.id) problems.push(`/extensionPoints/${i} "${String(field(point, 'plugin'))}.${String(field(point, 'id'))}" belongs to another plugin`)
  }
  duplicates(items(def.extensionPoints).map((p) => String(field(p, 'id'))), '/extensionPoints', problems)
  for (const [i, ext] of items(def.extensions).entries()) {
    if (typeof field(ext, 'factory') !== 'function') problems.push(`/extensions/${i} must be extend(point, factory) with a factory function`)
  }
  for (const [name] of entries(def.permissions)) {
    if (!name.startsWith(id + '.')) problems.push(`/permissions/${name} must be prefixed with "${id}."`)
  }
  for (const route of items(field(def.ui, 'routes'))) {
    const tag = field(route, 'tag')
    if (typeof tag === 'string' && !tag.startsWith(id + '-')) problems.push(`/ui/routes tag "${tag}" must be prefixed with "${id}-"`)
  }
  for (const key of ['widgets', 'profileSections']) {
    const widgets = items(field(def.ui, key))
    for (const [i, widget] of widgets.entries()) {
      const element = field(widget, 'element')
      if (typeof element === 'string' && !element.startsWith(id + '-')) problems.push(`/ui/${key}/${i} element "${element}" must be prefixed with "${id}-"`)
    }
    duplicates(widgets.map((w) => String(field(w, 'id'))), `/ui/${key}`, problems)
  }
  duplicates(items(field(def.ui, 'reports')).map((r) => String(field(r, 'id'))), '/ui/reports', problems)
  if (def.search !== undefined && typeof field(def.search, 'query') !== 'function') problems.push('/search/query must be a function')
  duplicates(items(field(def.search, 'kinds')).map((k) => String(field(k, 'id'))), '/search/kinds', problems)
  if (isObject(def.configSchema)) {
    try {
      configAjv.compile(def.configSchema)
    } catch (err) {
      problems.push(`/configSchema does not compile: ${(err as Error).message}`)
    }
  }
  return problems
}
