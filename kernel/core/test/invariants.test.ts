/**
 * Structural invariants checked over the source tree: no plugin imports another plugin's code (INV-2), and only
 * `config/` reads `process.env` (INV-6). Tests and scripts are exempt (a test may boot several plugins together).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = join(import.meta.dirname, '..', '..', '..')

function sources(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'dist', 'test', '.data'].includes(name)) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...sources(path))
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(path)
  }
  return out
}

test('INV-2: no plugin imports another plugin', () => {
  const plugins = readdirSync(join(root, 'plugins')).filter((p) => statSync(join(root, 'plugins', p)).isDirectory())
  const offences: string[] = []
  for (const id of plugins) {
    for (const file of sources(join(root, 'plugins', id))) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1]
        const other = /^@tessera\/plugin-([a-z0-9-]+)/.exec(spec)?.[1] ?? plugins.find((p) => p !== id && spec.includes(`/plugins/${p}/`) || spec.startsWith(`../../${p}/`))
        if (other && other !== id) offences.push(`${relative(root, file)} imports ${spec}`)
      }
    }
  }
  assert.deepEqual(offences, [])
})

test('INV-6: only config/ reads process.env', () => {
  const offences: string[] = []
  for (const top of ['kernel', 'plugins', 'ui', 'hardware-drivers']) {
    for (const file of sources(join(root, top))) {
      if (/process\.env\b/.test(readFileSync(file, 'utf8'))) offences.push(relative(root, file))
    }
  }
  assert.deepEqual(offences, [])
})
