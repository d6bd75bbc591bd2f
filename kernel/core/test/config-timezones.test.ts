/**
 * IANA timezones in every plugin config (issue 14 item 9: "Mars/Olympus" was accepted): each installed plugin's
 * configSchema — loaded the way the kernel loads them, from the default plugin list — declares every timezone setting
 * with the SDK's shared `iana-timezone` format, so the kernel's config validation refuses an unknown zone (naming the
 * field) and accepts a real one.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { loadConfig } from '@tessera/config'
import { loadPlugins } from '../src/plugin-host/load-plugins.ts'
import { makeAjv } from '../src/http/validator-compiler.ts'

type Schema = { type?: unknown; format?: string; properties?: Record<string, Schema> }

/** JSON Pointers (under the config) of every property whose name says it is a timezone. */
function timezoneFields(schema: Schema | undefined, at = ''): { pointer: string; schema: Schema }[] {
  const out: { pointer: string; schema: Schema }[] = []
  for (const [name, prop] of Object.entries(schema?.properties ?? {})) {
    const pointer = `${at}/${name}`
    if (/time_?zone|^tz$/i.test(name)) out.push({ pointer, schema: prop })
    out.push(...timezoneFields(prop, pointer))
  }
  return out
}

test('every timezone setting of every plugin config uses the iana-timezone format and refuses Mars/Olympus', async () => {
  const repoRoot = join(import.meta.dirname, '..', '..', '..')
  const { sources, failures } = await loadPlugins(loadConfig({ env: {} }).plugins, repoRoot)
  assert.deepEqual(failures.map((f) => `${f.id}: ${f.reason}`), [], 'every default plugin loads')
  const found: string[] = []
  const ajv = makeAjv({ useDefaults: true })
  for (const { definition } of sources) {
    const fields = timezoneFields(definition.configSchema as Schema)
    if (!fields.length) continue
    const validate = ajv.compile(definition.configSchema as object)
    for (const { pointer, schema } of fields) {
      found.push(`${definition.id}${pointer}`)
      assert.equal(schema.format, 'iana-timezone', `${definition.id}${pointer} uses the shared iana-timezone format`)
      const withZone = (zone: string) => {
        const config: Record<string, unknown> = {}
        let node = config
        const keys = pointer.split('/').filter(Boolean)
        for (const k of keys.slice(0, -1)) node = (node[k] = {}) as Record<string, unknown>
        node[keys[keys.length - 1]] = zone
        validate(config)
        return (validate.errors ?? []).filter((e) => e.instancePath === pointer)
      }
      assert.deepEqual(withZone('Europe/London'), [], `${definition.id}${pointer} accepts Europe/London`)
      assert.equal(withZone('Mars/Olympus')[0]?.keyword, 'format', `${definition.id}${pointer} refuses Mars/Olympus`)
    }
  }
  assert.ok(found.includes('pos/timezone') && found.includes('visitors/timezone') && found.includes('notifications/timeZone'), found.join(', '))
})
