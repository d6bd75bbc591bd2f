/**
 * The manifest's `drivers` field is deprecated and ignored (drivers are site-agent packages, see
 * `hardware-drivers/sdk/README.md`): a plugin that still sets it loads, and the boot-time contract check warns about it
 * by plugin id — and about nothing for a plugin without it.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { PluginDefinition } from '@tessera/sdk'
import { contractWarnings } from '../src/plugin-host/check-plugin-contracts.ts'

test('a plugin that still declares drivers gets a deprecation warning at boot', () => {
  const base = { version: '1.0.0', kernel: '^1.0.0' }
  const warnings = contractWarnings([
    { ...base, id: 'old-doors', drivers: [{ kind: 'lock', id: 'relay' }] },
    { ...base, id: 'plain' },
  ] as PluginDefinition[])
  assert.deepEqual(warnings, [{ plugin: 'old-doors', message: 'declares drivers, which the kernel ignores (deprecated: drivers run in the site agent, from the driver packages named in its config)' }])
})
