/**
 * `tessera drivers new <kind> <id>`: scaffolds a site-agent driver package from the template the installed
 * `@tessera/driver-sdk` ships in `templates/<kind>/`. The kernel knows no driver and imports no driver code: the kinds
 * are the template folders it finds, and the command only copies files and fills in the names, as the SDK's
 * `templates/README.md` describes (`_package.json` → `package.json`, `_gitignore` → `.gitignore`, the template's
 * package name and driver id replaced, the dependency on the driver SDK set to `^<installed version>`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import type { Command } from 'commander'

const DRIVER_SDK = '@tessera/driver-sdk'
const DRIVER_ID = /^[a-z][a-z0-9-]{0,62}$/
const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/
const RENAMES: Record<string, string> = { '_package.json': 'package.json', _gitignore: '.gitignore' }

/** Options of {@link scaffoldDriver}. */
export interface ScaffoldDriverOptions {
  /** A template folder of the installed driver SDK, e.g. `lock` or `printer`. */
  kind: string
  /** The driver id sites name in their agent config (`[a-z][a-z0-9-]*`). */
  id: string
  /** The folder to create (default `./tessera-driver-<id>`); it must not exist or be empty. */
  dir?: string
  /** The npm package name (default `tessera-driver-<id>`). */
  packageName?: string
  /** Where relative paths start and where the driver SDK is looked for first (default the working directory). */
  cwd?: string
}

/** What {@link scaffoldDriver} created. */
export interface ScaffoldedDriver {
  dir: string
  packageName: string
  /** The version of the driver SDK whose template was copied. */
  driverSdkVersion: string
  /** The files written, relative to `dir`, sorted. */
  files: string[]
}

/**
 * The installed driver SDK seen from `bases` (first hit wins), or a clear error: the `node_modules` folders of each
 * base and its parents, as Node resolves a package (and nothing else: no `NODE_PATH`, no global folders).
 */
function findDriverSdk(bases: string[]): { dir: string; version: string } {
  for (const base of bases) {
    for (let dir = resolve(base); ; dir = dirname(dir)) {
      const manifest = join(dir, 'node_modules', DRIVER_SDK, 'package.json')
      if (existsSync(manifest)) return { dir: dirname(manifest), version: (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version }
      if (dirname(dir) === dir) break
    }
  }
  throw new Error(`${DRIVER_SDK} is not installed where ${bases[0]} can see it: install it first (npm install --save-dev ${DRIVER_SDK}), then run again`)
}

function templateFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? templateFiles(path, join(prefix, name)) : [join(prefix, name)]
  })
}

/**
 * Copy a driver template into a new package folder.
 *
 * @param options - kind, id, folder, package name
 * @returns the folder, package name, driver SDK version and files written
 * @throws Error with one clear line: bad id or package name, folder not empty, SDK not installed, unknown kind
 */
export function scaffoldDriver(options: ScaffoldDriverOptions): ScaffoldedDriver {
  const cwd = options.cwd ?? process.cwd()
  if (!DRIVER_ID.test(options.id)) throw new Error(`driver id "${options.id}" must be lowercase letters, digits and dashes, starting with a letter (at most 63)`)
  const packageName = options.packageName ?? `tessera-driver-${options.id}`
  if (!PACKAGE_NAME.test(packageName) || packageName.length > 214) throw new Error(`"${packageName}" is not a valid npm package name`)
  const dir = resolve(cwd, options.dir ?? `tessera-driver-${options.id}`)
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) throw new Error(`${dir} already exists and is not an empty folder`)

  const sdk = findDriverSdk([dirname(dir), cwd, import.meta.dirname])
  const templates = join(sdk.dir, 'templates')
  const kinds = existsSync(templates) ? readdirSync(templates).filter((k) => statSync(join(templates, k)).isDirectory()).sort() : []
  if (!kinds.includes(options.kind)) {
    throw new Error(`no driver template "${options.kind}" in ${DRIVER_SDK} ${sdk.version} (${kinds.length ? `templates: ${kinds.join(', ')}` : 'it ships no templates'})`)
  }
  const source = join(templates, options.kind)
  const range = `^${sdk.version}`
  const fill = (text: string) => text.replaceAll(`tessera-driver-template-${options.kind}`, packageName).replaceAll(`template-${options.kind}`, options.id)

  const written: string[] = []
  for (const file of templateFiles(source)) {
    const name = RENAMES[file.split('/').pop()!] ?? file.split('/').pop()!
    const target = join(dir, dirname(file), name)
    let text = fill(readFileSync(join(source, file), 'utf8'))
    if (name === 'package.json' && dirname(file) === '.') {
      const manifest = JSON.parse(text) as { peerDependencies?: Record<string, string>; devDependencies?: Record<string, string> }
      manifest.peerDependencies = { ...manifest.peerDependencies, [DRIVER_SDK]: range }
      manifest.devDependencies = { ...manifest.devDependencies, [DRIVER_SDK]: range }
      text = `${JSON.stringify(manifest, null, 2)}\n`
    }
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, text)
    written.push(relative(dir, target))
  }
  return { dir, packageName, driverSdkVersion: sdk.version, files: written.sort() }
}

/**
 * Adds `tessera drivers new <kind> <id>` to the program.
 *
 * @param program - the `tessera` program
 */
export function registerDriversCommand(program: Command): void {
  program.command('drivers').description('site-agent driver packages').command('new')
    .description('scaffold a driver package from a template of the installed @tessera/driver-sdk (lock, printer)')
    .argument('<kind>', 'driver kind: a template of the installed @tessera/driver-sdk, e.g. lock or printer')
    .argument('<id>', 'driver id, as sites name it in the agent config (e.g. acme-relay)')
    .option('--dir <folder>', 'folder to create (default ./tessera-driver-<id>)')
    .option('--package <name>', 'npm package name (default tessera-driver-<id>)')
    .action((kind: string, id: string, o: { dir?: string; package?: string }) => {
      const created = scaffoldDriver({ kind, id, dir: o.dir, packageName: o.package })
      const where = relative(process.cwd(), created.dir) || '.'
      console.log(`created ${where}: ${kind} driver "${id}", package ${created.packageName}, for ${DRIVER_SDK} ^${created.driverSdkVersion} (${created.files.length} files)`)
      console.log(`next: cd ${where} && npm install && npm run build && npm test`)
    })
}
