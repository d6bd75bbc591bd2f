/**
 * Structural invariants checked over the source tree: a plugin imports another plugin's `contract` only, contracts depend on the SDK only, route handlers take their types from their schemas (INV-2, INV-3), and only
 * `config/` reads `process.env` (INV-6). Tests and scripts are exempt (a test may boot several plugins together), but
 * no test imports another package by relative path: tests use package exports, as a plugin's own tests would.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'

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

/** Every import specifier of a source file (static, dynamic and type-only). */
function importsOf(file: string): string[] {
  const pattern = /^\s*(?:import|export)\s[^'"():=]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm
  return [...readFileSync(file, 'utf8').matchAll(pattern)].map((m) => m[1] ?? m[2] ?? m[3])
}

const pluginIds = readdirSync(join(root, 'plugins')).filter((p) => statSync(join(root, 'plugins', p)).isDirectory())

test('INV-2: a plugin imports another plugin\'s contract only', () => {
  const offences: string[] = []
  for (const id of pluginIds) {
    for (const file of sources(join(root, 'plugins', id))) {
      for (const spec of importsOf(file)) {
        const other = /^@tessera\/plugin-([a-z0-9-]+)/.exec(spec)?.[1] ?? pluginIds.find((p) => p !== id && (spec.includes(`/plugins/${p}/`) || spec.startsWith(`../../${p}/`)))
        if (other && other !== id && spec !== `@tessera/plugin-${other}/contract`) offences.push(`${relative(root, file)} imports ${spec}`)
      }
    }
  }
  assert.deepEqual(offences, [])
})

test('INV-2: a contract depends on the SDK only, and no plugin keeps a copy of another plugin\'s types', () => {
  const offences: string[] = []
  for (const id of pluginIds) {
    const contract = join(root, 'plugins', id, 'src', 'contract')
    if (!statSync(contract, { throwIfNoEntry: false })?.isDirectory()) {
      if (statSync(join(root, 'plugins', id, 'src', 'index.ts'), { throwIfNoEntry: false })) offences.push(`plugins/${id} has no src/contract`)
      continue
    }
    for (const file of sources(contract)) {
      for (const spec of importsOf(file)) {
        if (spec.startsWith('./') || spec === '@tessera/sdk' || /^@tessera\/plugin-[a-z0-9-]+\/contract$/.test(spec)) continue
        offences.push(`${relative(root, file)} imports ${spec}`)
      }
    }
    // the copies the contracts replaced: peer-service interfaces and UI copies of server types
    for (const copy of ['src/domain/peer-services.ts', 'ui/types.ts']) {
      if (statSync(join(root, 'plugins', id, copy), { throwIfNoEntry: false })) offences.push(`plugins/${id}/${copy} still exists`)
    }
  }
  assert.deepEqual(offences, [])
})

test('schemas are types: no plugin casts req.body, req.params or req.query', () => {
  const offences: string[] = []
  for (const id of pluginIds) {
    for (const file of sources(join(root, 'plugins', id))) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/\b(?:req|request)\.(?:body|params|query)\s+as\b/g)) offences.push(`${relative(root, file)}: ${m[0]}`)
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

/** Every test-side file (in a `test/` folder or named `*.test.ts`) of the workspace packages. */
function testFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'dist', '.data'].includes(name)) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...testFiles(path))
    else if (/\.(ts|js)$/.test(name) && (name.endsWith('.test.ts') || relative(root, path).split('/').includes('test'))) out.push(path)
  }
  return out
}

/** The folder of the package a file belongs to (its nearest package.json). */
function packageOf(file: string): string {
  let dir = dirname(file)
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir)
  return dir
}

test('no test imports another package by relative path (package exports only: @tessera/sdk/testing, @tessera/plugin-billing/testing, …)', () => {
  const offences: string[] = []
  for (const top of ['config', 'kernel', 'plugins', 'ui', 'hardware-drivers', 'tenants', 'bench']) {
    for (const file of testFiles(join(root, top))) {
      const own = packageOf(file)
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue
        const target = resolve(dirname(file), spec)
        if (target !== own && !target.startsWith(own + sep)) offences.push(`${relative(root, file)} imports ${spec}`)
      }
    }
  }
  assert.deepEqual(offences, [], `use the other package's exports instead (e.g. @tessera/sdk/testing, @tessera/plugin-<id>, @tessera/plugin-billing/testing, @tessera/driver-modbus/testing, @tessera/ui-shell/testing):\n${offences.join('\n')}`)
})
