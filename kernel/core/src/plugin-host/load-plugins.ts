/**
 * Finds and imports plugin packages. A configured entry is an npm package name (resolved from the deployment root, so
 * workspace packages and packages installed from npm are found alike) or a path. Importing or validating a plugin can
 * fail; that failure is returned with its reason, never thrown, so one bad package cannot stop the kernel.
 */
import { createRequire } from 'node:module'
import { isAbsolute, join, resolve, dirname } from 'node:path'
import { pathToFileURL } from 'node:url'
import { existsSync } from 'node:fs'
import type { PluginDefinition } from '@tessera/sdk'
import { manifestProblems } from './validate-manifest.ts'

/** A plugin ready for ordering: its definition and where its package lives (for its UI bundle). */
export interface PluginSource {
  definition: PluginDefinition
  packageDir?: string
}

/** A plugin that could not be loaded. */
export interface PluginLoadFailure {
  id: string
  reason: string
}

/**
 * Any plugin definition, whatever its config type (`definePlugin` derives `Config` from the `configSchema`, and a
 * `PluginDefinition<{ currency: string }>` is not assignable to `PluginDefinition<Record<string, unknown>>` because its
 * callbacks take the narrower context): the kernel treats config as data it validated itself.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPluginDefinition = PluginDefinition<any>

/** What the kernel is given: a definition, a definition with its package dir, or a package specifier. */
export type PluginInput = AnyPluginDefinition | { definition: AnyPluginDefinition; packageDir?: string } | string

function findPackageDir(file: string): string | undefined {
  let dir = dirname(file)
  while (dir !== dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    dir = dirname(dir)
  }
  return undefined
}

async function importSpecifier(spec: string, rootDir: string): Promise<PluginSource> {
  const isPath = spec.startsWith('.') || isAbsolute(spec)
  const file = isPath ? resolve(rootDir, spec) : createRequire(join(rootDir, 'package.json')).resolve(spec)
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown }
  return { definition: mod.default as PluginDefinition, packageDir: findPackageDir(file) }
}

/** Loads every input; returns the valid plugins and the failures with reasons. */
export async function loadPlugins(inputs: readonly PluginInput[], rootDir: string): Promise<{ sources: PluginSource[]; failures: PluginLoadFailure[] }> {
  const sources: PluginSource[] = []
  const failures: PluginLoadFailure[] = []
  for (const input of inputs) {
    const label = typeof input === 'string' ? input : 'definition' in input ? input.definition?.id : (input as PluginDefinition).id
    let source: PluginSource
    try {
      source = typeof input === 'string' ? await importSpecifier(input, rootDir) : 'definition' in input ? (input as PluginSource) : { definition: input as PluginDefinition }
    } catch (err) {
      failures.push({ id: String(label ?? input), reason: `could not be loaded: ${(err as Error).message}` })
      continue
    }
    const problems = manifestProblems(source.definition)
    if (problems.length) {
      const id = typeof source.definition?.id === 'string' ? source.definition.id : String(label)
      failures.push({ id, reason: `invalid manifest: ${problems.join('; ')}` })
      continue
    }
    sources.push(source)
  }
  return { sources, failures }
}
