/// <reference types="node" />
/**
 * `@tessera/ui-kit/vite`: the Vite preset that builds a Tessera plugin's UI bundle — the one mechanism for the core
 * plugins (`scripts/build-ui.ts`) and third-party plugins (`tessera plugins build`).
 *
 * The entry is the plugin definition's `ui.entry` (default `ui/index.ts`, relative to the package root); the definition
 * is the package's own default export, imported through its `exports` (or passed in). The output is one ES module,
 * `dist/ui/index.js` — the file the kernel serves at `/ui/plugins/<id>/<version>/index.js` — with `lit`, its public
 * `lit/*` subpaths and `@tessera/ui-kit` kept external (the shell's import map provides the page's single copy of each).
 * Next to it, `dist/ui/index.meta.json` declares the ranges of those shared packages the bundle was built against (from
 * the plugin's `peerDependencies`, else its dependencies); the kernel refuses the bundle when the shell's versions do
 * not satisfy them.
 *
 * ```ts
 * // vite.config.ts of a plugin, for `vite build`; or `tessera plugins build`, which runs tsc and then this
 * import { pluginUiConfig } from '@tessera/ui-kit/vite'
 * export default pluginUiConfig({ root: import.meta.dirname })
 * ```
 *
 * Runs in Node (Vite is an optional peer dependency of the kit); nothing here reaches the browser.
 *
 * @packageDocumentation
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { InlineConfig, Plugin } from 'vite'
import { publishFolder, stagingFolderFor } from './publish-folder.ts'

/** The kit's bare specifier. @public */
export const kitSpecifier = '@tessera/ui-kit'

/** The packages every UI bundle shares through the shell's import map (one copy per page). @public */
export const sharedPackages = ['lit', kitSpecifier] as const

/** Bare specifiers plugins must not import directly (they would bundle a second copy of Lit). @public */
export const forbiddenSpecifiers = ['lit-html', 'lit-element', '@lit/reactive-element']

/** The bundle's file name in `dist/ui/`, as the kernel serves it. @public */
export const BUNDLE_FILE = 'index.js'

/** The file next to the bundle that declares the shared packages' ranges it was built against. @public */
export const BUNDLE_META_FILE = 'index.meta.json'

/** What {@link BUNDLE_META_FILE} holds. @public */
export interface UiBundleMeta {
  /** The plugin id. */
  plugin: string
  /** The entry the bundle was built from, relative to the package root. */
  entry: string
  /** Shared package → semver range the bundle needs the shell to serve, e.g. `{ lit: '^3.3.1', '@tessera/ui-kit': '^1.0.0' }`. */
  requires: Record<string, string>
}

/** The part of a plugin definition the preset reads. @public */
export interface PluginUiDefinition {
  id: string
  ui?: { entry?: string }
}

/** Options of {@link pluginUiConfig} and {@link buildPluginUi}. @public */
export interface PluginUiOptions {
  /** The plugin's package root (where its `package.json` is). */
  root: string
  /** The plugin definition; default: the package's default export, imported through its `exports`. */
  definition?: PluginUiDefinition
  /** Output folder; default `<root>/dist/ui`. */
  outDir?: string
  /** The shared specifiers kept external; default {@link sharedSpecifiers} of `root`. */
  shared?: Iterable<string>
}

interface PackageJson {
  name?: string
  version?: string
  exports?: unknown
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}

const readJson = (file: string): PackageJson => JSON.parse(readFileSync(file, 'utf8')) as PackageJson

function installedPackageJson(fromDir: string, name: string): { file: string; pkg: PackageJson } {
  const require = createRequire(join(fromDir, 'package.json'))
  // lit's exports have no ./package.json entry: its main module sits at the package root
  const file = name === 'lit' ? join(dirname(require.resolve('lit')), 'package.json') : require.resolve(`${name}/package.json`)
  return { file, pkg: readJson(file) }
}

/** Every shared bare specifier as resolved from `fromDir`: `lit`, each public `lit/...` subpath (no decorators, no polyfill), `@tessera/ui-kit`. @public */
export function sharedSpecifiers(fromDir: string): string[] {
  const exportsField = installedPackageJson(fromDir, 'lit').pkg.exports as Record<string, unknown>
  const lit = Object.keys(exportsField)
    .filter((k) => k !== './package.json' && k !== './polyfill-support.js' && !k.startsWith('./decorators'))
    .map((k) => (k === '.' ? 'lit' : `lit/${k.slice(2)}`))
  return [...lit, kitSpecifier]
}

/** The installed versions of the shared packages, resolved from `fromDir` (what a shell build serves). @public */
export function sharedVersions(fromDir: string): Record<string, string> {
  return Object.fromEntries(sharedPackages.map((name) => [name, installedPackageJson(fromDir, name).pkg.version ?? '0.0.0']))
}

/** Why an import is a Lit/kit path that is NOT shared (a build error with a helpful message), or null. @public */
export function unsharedLitImport(id: string, shared: ReadonlySet<string>): string | null {
  if (shared.has(id)) return null
  if (id.startsWith('lit/decorators')) {
    return `${id}: Tessera UI code does not use decorators; declare reactive properties with "static properties".`
  }
  if (id.startsWith('lit/') || id.startsWith(`${kitSpecifier}/`)) {
    return `${id} is not a shared module; import from "lit", a public "lit/..." subpath, or "${kitSpecifier}".`
  }
  if (forbiddenSpecifiers.some((f) => id === f || id.startsWith(`${f}/`))) {
    return `${id}: import from "lit" instead, so the page keeps a single copy of Lit.`
  }
  return null
}

/**
 * The ranges of the shared packages a plugin declares (peerDependencies, else dependencies, else devDependencies); a
 * `workspace:` range becomes `^`/`~` of the installed version, an undeclared package (or a folder without a
 * `package.json`) `^` of the installed version.
 * @public
 */
export function bundleRequirements(root: string): Record<string, string> {
  const pkg: PackageJson = existsSync(join(root, 'package.json')) ? readJson(join(root, 'package.json')) : {}
  const requires: Record<string, string> = {}
  for (const name of sharedPackages) {
    const declared = pkg.peerDependencies?.[name] ?? pkg.dependencies?.[name] ?? pkg.devDependencies?.[name]
    if (declared && !declared.startsWith('workspace:')) {
      requires[name] = declared
      continue
    }
    const version = installedPackageJson(root, name).pkg.version ?? '0.0.0'
    requires[name] = `${declared === 'workspace:~' ? '~' : '^'}${version}`
  }
  return requires
}

/** Imports the package's default export (its plugin definition) through its own `exports`. @public */
export async function loadPluginDefinition(root: string): Promise<PluginUiDefinition> {
  const pkg = readJson(join(root, 'package.json'))
  if (!pkg.name) throw new Error(`${join(root, 'package.json')} has no "name"`)
  const file = createRequire(join(root, 'package.json')).resolve(pkg.name)
  const mod = (await import(pathToFileURL(file).href)) as { default?: PluginUiDefinition }
  if (!mod.default || typeof mod.default.id !== 'string') throw new Error(`${pkg.name}: the default export of ${relative(root, file)} is not a plugin definition`)
  return mod.default
}

/**
 * The Vite library config of a plugin's UI bundle: entry = `ui.entry`, ES module `dist/ui/index.js`, shared modules
 * external (any other Lit or kit path is a build error saying what to import instead), and {@link BUNDLE_META_FILE}
 * written next to the bundle. @public
 */
export async function pluginUiConfig(options: PluginUiOptions): Promise<InlineConfig> {
  const root = resolve(options.root)
  const definition = options.definition ?? (await loadPluginDefinition(root))
  if (!definition.ui) throw new Error(`plugin ${definition.id} declares no "ui": nothing to build`)
  const entryPath = definition.ui.entry ?? 'ui/index.ts'
  const entry = resolve(root, entryPath)
  if (!existsSync(entry)) throw new Error(`plugin ${definition.id}: ui.entry "${entryPath}" does not exist (${entry})`)
  const outDir = options.outDir ?? join(root, 'dist', 'ui')
  const shared = new Set(options.shared ?? sharedSpecifiers(root))
  const meta: UiBundleMeta = { plugin: definition.id, entry: relative(root, entry), requires: bundleRequirements(root) }
  const guard: Plugin = {
    name: 'tessera-shared-imports',
    enforce: 'pre',
    resolveId(id) {
      const problem = unsharedLitImport(id, shared)
      if (problem) this.error(`plugin ${definition.id}: ${problem}`)
      return null
    },
  }
  const writeMeta: Plugin = {
    name: 'tessera-bundle-meta',
    writeBundle() {
      mkdirSync(outDir, { recursive: true })
      writeFileSync(join(outDir, BUNDLE_META_FILE), `${JSON.stringify(meta, null, 2)}\n`)
    },
  }
  return {
    configFile: false,
    root,
    logLevel: 'warn',
    mode: 'production',
    plugins: [guard, writeMeta],
    build: {
      outDir,
      emptyOutDir: true,
      copyPublicDir: false,
      reportCompressedSize: false,
      target: 'es2022',
      sourcemap: true,
      lib: { entry, formats: ['es'], fileName: () => BUNDLE_FILE },
      rolldownOptions: { external: (id: string) => shared.has(id) },
    },
  }
}

/**
 * Builds the bundle with Vite ({@link pluginUiConfig}) into a staging folder, then publishes it into the output folder
 * file by file (`publish-folder.ts`), so a kernel serving the folder during a rebuild never answers a missing or
 * half-written bundle; returns the bundle's path and its meta. @public
 */
export async function buildPluginUi(options: PluginUiOptions): Promise<{ file: string; meta: UiBundleMeta }> {
  const outDir = resolve(options.outDir ?? join(options.root, 'dist', 'ui'))
  const staging = stagingFolderFor(outDir)
  try {
    const config = await pluginUiConfig({ ...options, outDir: staging })
    const { build } = await import('vite')
    await build(config)
    publishFolder(staging, outDir)
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
  return { file: join(outDir, BUNDLE_FILE), meta: JSON.parse(readFileSync(join(outDir, BUNDLE_META_FILE), 'utf8')) as UiBundleMeta }
}
