/**
 * `tessera plugins new <id>`: writes a new plugin into `./<id>/` from the template that ships inside the installed
 * `@tessera/sdk` (`templates/plugin/`), so the scaffold always matches the SDK it will be built against. Every file's
 * `{{…}}` placeholders (the id, its schema/class/title forms, the package name, the installed packages' ranges) are
 * filled in, in file names too (`{{id}}-screen.ts`); the `.tpl` suffix is dropped and `_gitignore` becomes `.gitignore` (npm would drop a
 * `.gitignore` from the SDK's tarball). The result is one plugin in the layout of every Tessera plugin — contract,
 * routes → domain → store, migration, permissions, event, config schema, Lit screen, tests — that type-checks and passes
 * its own tests as written. A bad id or an existing folder is refused with a sentence saying why.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import type { Command } from 'commander'
import { manifestSchema } from '../plugin-host/manifest-schema.ts'

/** What a plugin id must look like here: lowercase, starting with a letter, 2–31 characters. */
export const PLUGIN_ID_PATTERN = /^[a-z][a-z0-9-]{1,30}$/

/** Why `id` cannot name a new plugin, or undefined when it can. */
export function pluginIdProblem(id: string): string | undefined {
  if (!PLUGIN_ID_PATTERN.test(id)) {
    return `"${id}" is not a plugin id: use 2 to 31 lowercase letters, digits and dashes, starting with a letter (e.g. acme-desk)`
  }
  if (id.endsWith('-') || id.includes('--')) return `"${id}" is not a plugin id: a dash must sit between two letters or digits`
  if ((manifestSchema.properties.id.not.enum as readonly string[]).includes(id)) return `"${id}" is reserved by the kernel: choose another id`
  return undefined
}

/** The placeholders of the template and their values for one plugin. */
export type TemplateValues = Record<string, string>

const pascal = (id: string) => id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')

/** The version of an installed package as seen from `fromDir`, or undefined when it is not installed there. */
function installedVersion(fromDir: string, name: string): { version: string; pkg: Record<string, Record<string, string> | string> } | undefined {
  try {
    const file = createRequire(join(fromDir, 'package.json')).resolve(`${name}/package.json`)
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version: string } & Record<string, Record<string, string> | string>
    return { version: pkg.version, pkg }
  } catch {
    return undefined
  }
}

const sdkDir = () => dirname(createRequire(import.meta.url).resolve('@tessera/sdk/package.json'))

/** The folder of the template inside the installed SDK. */
export function templateDir(): string {
  return join(sdkDir(), 'templates', 'plugin')
}

/** The template's values for `id`: names derived from it, and ranges of the packages installed where it is written. */
export function templateValues(id: string, options: { packageName?: string; parentDir: string }): TemplateValues {
  const sdkVersion = (JSON.parse(readFileSync(join(sdkDir(), 'package.json'), 'utf8')) as { version: string }).version
  const kernelVersion = installedVersion(sdkDir(), '@tessera/kernel')?.version ?? sdkVersion
  const kit = installedVersion(options.parentDir, '@tessera/ui-kit')
  const kitDeps = (kit?.pkg.dependencies ?? {}) as Record<string, string>
  const kitPeers = (kit?.pkg.peerDependencies ?? {}) as Record<string, string>
  const caret = (version: string) => `^${version.replace(/[-+].*$/, '')}`
  return {
    id,
    schema: id.replace(/-/g, '_'),
    Pascal: pascal(id),
    camel: pascal(id).charAt(0).toLowerCase() + pascal(id).slice(1),
    title: id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' '),
    package: options.packageName ?? `tessera-plugin-${id}`,
    kernelRange: caret(sdkVersion),
    sdkRange: caret(sdkVersion),
    kernelPackageRange: caret(kernelVersion),
    kitRange: kit ? caret(kit.version) : caret(sdkVersion),
    litRange: kitDeps.lit ?? '^3.3.1',
    viteRange: kitPeers.vite ?? '^8.3.0',
    typescriptRange: '^7.0.2',
    typesNodeRange: '^24.0.0',
  }
}

/** Replaces every `{{name}}`; a placeholder without a value is a template bug and throws. */
export function fillTemplate(text: string, values: TemplateValues, file: string): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
    if (!(name in values)) throw new Error(`template ${file}: unknown placeholder {{${name}}}`)
    return values[name]
  })
}

function templateFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? templateFiles(path, base) : [relative(base, path)]
  })
}

/** Writes the plugin `id` into `<parentDir>/<id>`; returns its folder and the files written (relative). */
export function scaffoldPlugin(id: string, options: { parentDir: string; packageName?: string }): { dir: string; files: string[] } {
  const problem = pluginIdProblem(id)
  if (problem) throw new Error(problem)
  const parentDir = resolve(options.parentDir)
  const dir = join(parentDir, id)
  if (existsSync(dir)) throw new Error(`a folder named "${id}" already exists in ${parentDir}: choose another id, or move that folder away`)
  if (options.packageName !== undefined && !/^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]{0,213}$/.test(options.packageName)) {
    throw new Error(`"${options.packageName}" is not an npm package name (lowercase, optionally @scope/name)`)
  }
  const values = templateValues(id, { packageName: options.packageName, parentDir })
  const source = templateDir()
  const files: string[] = []
  for (const file of templateFiles(source).sort()) {
    const target = fillTemplate(file, values, file).replace(/\.tpl$/, '').replace(/(^|\/)_gitignore$/, '$1.gitignore')
    mkdirSync(dirname(join(dir, target)), { recursive: true })
    writeFileSync(join(dir, target), fillTemplate(readFileSync(join(source, file), 'utf8'), values, file))
    files.push(target)
  }
  return { dir, files }
}

/** Registers `plugins new` on the `plugins` command. */
export function registerPluginsNew(plugins: Command): void {
  plugins.command('new').description('write a new plugin into ./<id> (contract, routes → domain → store, migration, Lit screen, tests)')
    .argument('<id>', 'plugin id: lowercase letters, digits and dashes, e.g. acme-desk')
    .option('--package <name>', 'npm package name (default tessera-plugin-<id>)')
    .option('--dir <folder>', 'where to create the plugin folder (default: the current folder)', '.')
    .action((id: string, o: { package?: string; dir: string }) => {
      const { dir, files } = scaffoldPlugin(id, { parentDir: o.dir, packageName: o.package })
      console.log(`created plugin ${id} in ${dir} (${files.length} files)`)
      const shown = relative(process.cwd(), dir)
      console.log(`next: cd ${shown.startsWith('..') ? dir : shown} && npm test && npm run typecheck && npx tessera plugins build`)
    })
}
