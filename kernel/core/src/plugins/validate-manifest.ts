/**
 * Validates a plugin declaration: the data against `manifest-schema.ts` (ajv, every error listed), then the rules
 * JSON Schema cannot say — semver version and range, functions where functions belong, names prefixed with the
 * plugin id, custom-element tags prefixed with the id, and a config schema that ajv can compile.
 */
import { Ajv } from 'ajv'
import semver from 'semver'
import type { PluginDefinition } from '@tessera/sdk'
import { manifestSchema } from './manifest-schema.ts'

const ajv = new Ajv({ allErrors: true, strict: false })
const validateData = ajv.compile(manifestSchema)
const configAjv = new Ajv({ allErrors: true, strict: false })

/** Returns the problems of `candidate` (empty when it is a valid plugin definition). */
export function manifestProblems(candidate: unknown): string[] {
  if (typeof candidate !== 'object' || candidate === null) return ['the default export is not a plugin definition (use definePlugin)']
  const problems: string[] = []
  if (!validateData(candidate)) {
    for (const e of validateData.errors ?? []) problems.push(`${e.instancePath || '/'} ${e.message}`)
    return problems
  }
  const def = candidate as PluginDefinition
  if (!semver.valid(def.version)) problems.push(`/version "${def.version}" is not a semver version`)
  if (!semver.validRange(def.kernel)) problems.push(`/kernel "${def.kernel}" is not a semver range`)
  for (const [dep, range] of Object.entries(def.dependsOn ?? {})) {
    if (!semver.validRange(range)) problems.push(`/dependsOn/${dep} "${range}" is not a semver range`)
    if (dep === def.id) problems.push('/dependsOn a plugin cannot depend on itself')
  }
  for (const key of ['routes', 'onInstall', 'onUpgrade', 'onEnable', 'onDisable', 'seed', 'onInvitationAccepted'] as const) {
    if (def[key] !== undefined && typeof def[key] !== 'function') problems.push(`/${key} must be a function`)
  }
  for (const m of def.migrations ?? []) {
    if (typeof m.up !== 'string' && typeof m.up !== 'function') problems.push(`/migrations/${m.name}/up must be SQL text or a function`)
  }
  for (const [name, job] of Object.entries(def.jobs ?? {})) {
    if (typeof job?.handler !== 'function') problems.push(`/jobs/${name}/handler must be a function`)
  }
  for (const [name, handler] of Object.entries(def.subscribes ?? {})) {
    if (typeof handler !== 'function') problems.push(`/subscribes/${name} must be a function`)
  }
  for (const [name, factory] of Object.entries(def.services ?? {})) {
    if (typeof factory !== 'function') problems.push(`/services/${name} must be a factory function`)
  }
  for (const name of Object.keys(def.events ?? {})) {
    if (!name.startsWith(def.id + '.')) problems.push(`/events/${name} must be prefixed with "${def.id}."`)
  }
  for (const name of Object.keys(def.permissions ?? {})) {
    if (!name.startsWith(def.id + '.')) problems.push(`/permissions/${name} must be prefixed with "${def.id}."`)
  }
  for (const route of def.ui?.routes ?? []) {
    if (!route.tag.startsWith(def.id + '-')) problems.push(`/ui/routes tag "${route.tag}" must be prefixed with "${def.id}-"`)
  }
  if (def.configSchema) {
    try {
      configAjv.compile(def.configSchema)
    } catch (err) {
      problems.push(`/configSchema does not compile: ${(err as Error).message}`)
    }
  }
  return problems
}
