/**
 * `tessera plugins build [path]`: builds a plugin package for publishing — first its server code, `tsc -p
 * tsconfig.json` (JavaScript + `.d.ts` into `dist/`), then, when its definition declares a `ui`, its UI bundle with the
 * kit's Vite preset (`@tessera/ui-kit/vite`: entry `ui.entry`, `dist/ui/index.js` with `lit` and the kit external,
 * `dist/ui/index.meta.json` with the ranges the kernel checks). TypeScript, the kit and Vite are the plugin's own
 * devDependencies, resolved from its folder: the kernel depends on none of them.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Command } from 'commander'

/** What the preset module (`@tessera/ui-kit/vite`) offers the CLI. */
interface VitePreset {
  buildPluginUi(options: { root: string; definition?: unknown }): Promise<{ file: string; meta: { requires: Record<string, string> } }>
}

/** The part of a plugin definition the build reads. */
interface BuiltDefinition {
  id: string
  version: string
  ui?: { entry?: string }
}

function packageJson(dir: string): { name?: string } {
  const file = join(dir, 'package.json')
  if (!existsSync(file)) throw new Error(`${dir} is not a plugin package: it has no package.json`)
  return JSON.parse(readFileSync(file, 'utf8')) as { name?: string }
}

/** Resolves `specifier` as the package in `dir` would (its own node_modules, then its parents'). */
export function resolveFrom(dir: string, specifier: string): string | undefined {
  try {
    return createRequire(join(dir, 'package.json')).resolve(specifier)
  } catch {
    return undefined
  }
}

function runTsc(dir: string): Promise<void> {
  const pkgFile = resolveFrom(dir, 'typescript/package.json')
  if (!pkgFile) return Promise.reject(new Error(`TypeScript is not installed for ${dir}: npm install -D typescript`))
  const bin = join(dirname(pkgFile), (JSON.parse(readFileSync(pkgFile, 'utf8')) as { bin: { tsc: string } }).bin.tsc)
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, '-p', 'tsconfig.json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('error', fail)
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`tsc -p tsconfig.json failed in ${dir}:\n${out.trim()}`))))
  })
}

/** Imports the package's default export through its own `exports` (after tsc: the built `dist/`). */
export async function importDefinition(dir: string): Promise<BuiltDefinition> {
  const { name } = packageJson(dir)
  const file = name && resolveFrom(dir, name)
  if (!file) throw new Error(`${dir}: package.json needs a "name" and an "exports" entry "." pointing at the plugin`)
  const mod = (await import(pathToFileURL(file).href)) as { default?: BuiltDefinition }
  if (!mod.default || typeof mod.default.id !== 'string') throw new Error(`${file}: the default export is not a plugin definition (definePlugin({...}))`)
  return mod.default
}

/** Loads the kit's Vite preset as installed for the plugin in `dir`. */
export async function loadVitePreset(dir: string): Promise<VitePreset> {
  const file = resolveFrom(dir, '@tessera/ui-kit/vite')
  if (!file || !resolveFrom(dir, 'vite/package.json')) {
    throw new Error(`the plugin declares a UI, but @tessera/ui-kit and vite are not installed for ${dir}: npm install -D @tessera/ui-kit vite lit`)
  }
  return (await import(pathToFileURL(file).href)) as VitePreset
}

/** Builds the plugin in `dir`: server code with tsc (when it has a tsconfig.json), then its UI bundle (when it declares one). */
export async function buildPlugin(dir: string, log: (line: string) => void = console.log): Promise<{ definition: BuiltDefinition; ui?: string }> {
  const root = resolve(dir)
  packageJson(root)
  if (existsSync(join(root, 'tsconfig.json'))) {
    await runTsc(root)
    log('server: tsc -p tsconfig.json → dist/')
  }
  const definition = await importDefinition(root)
  if (!definition.ui) {
    log(`${definition.id} declares no ui: no UI bundle`)
    return { definition }
  }
  const { file, meta } = await (await loadVitePreset(root)).buildPluginUi({ root, definition })
  log(`ui: ${definition.ui.entry ?? 'ui/index.ts'} → ${file.slice(root.length + 1)} (built for ${Object.entries(meta.requires).map(([n, r]) => `${n} ${r}`).join(', ')})`)
  return { definition, ui: file }
}

/** Registers `plugins build` on the `plugins` command. */
export function registerPluginsBuild(plugins: Command): void {
  plugins.command('build').description("build a plugin package: tsc to dist/, then its UI bundle with the kit's Vite preset")
    .argument('[path]', 'the plugin folder', '.')
    .action(async (path: string) => {
      const { definition } = await buildPlugin(path)
      console.log(`built ${definition.id} ${definition.version}`)
    })
}
