/**
 * The UI bundle check: a plugin's built UI (`<package>/dist/ui/`) declares, in `index.meta.json` (written by the kit's
 * Vite preset, `@tessera/ui-kit/vite`), the semver ranges of the shared packages it was built against — `lit` and
 * `@tessera/ui-kit`, which the browser takes from the shell's import map, never from the bundle. The shell's build
 * records the versions its import map serves in `<shellDir>/vendor/versions.json`. A bundle whose ranges those versions
 * do not satisfy would run against a Lit or kit it was not built for, so the kernel refuses that plugin's UI with the
 * reason (shown in plugin status; the UI manifest omits it; the bundle is not served) while its API keeps working.
 *
 * Nothing to compare is no mismatch: a bundle without `index.meta.json` (built before the preset) or a host without a
 * shell build (an API-only host) is served as before.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import semver from 'semver'
import type { PluginUiState } from '../plugin-host/plugin-runtime.ts'

/** The file next to a plugin's bundle that declares the shared packages' ranges (the kit preset's `BUNDLE_META_FILE`). */
export const BUNDLE_META_FILE = 'index.meta.json'

/** The shell build's record of the versions its import map serves, relative to `ui.shellDir`. */
export const SHELL_VERSIONS_FILE = join('vendor', 'versions.json')

/** The versions of the shared packages the shell serves (`{ lit: '3.3.3', '@tessera/ui-kit': '1.0.0' }`), or undefined without a shell build. */
export function readShellVersions(shellDir: string): Record<string, string> | undefined {
  const file = join(resolve(shellDir), SHELL_VERSIONS_FILE)
  if (!existsSync(file)) return undefined
  const versions = JSON.parse(readFileSync(file, 'utf8')) as unknown
  if (!versions || typeof versions !== 'object') throw new Error(`${file} is not an object of package versions`)
  return versions as Record<string, string>
}

/** Why a bundle's declared ranges are refused against the shell's versions, or undefined when they are satisfied. */
export function uiMismatch(requires: Record<string, unknown>, shell: Record<string, string>): string | undefined {
  const problems: string[] = []
  for (const [name, range] of Object.entries(requires)) {
    const served = shell[name]
    if (typeof range !== 'string' || !semver.validRange(range)) problems.push(`${name} range ${JSON.stringify(range)} is not a semver range`)
    else if (!served) problems.push(`needs ${name} ${range}, which the shell does not serve`)
    else if (!semver.satisfies(served, range)) problems.push(`built for ${name} ${range}, the shell serves ${name} ${served}`)
  }
  return problems.length ? `UI refused: ${problems.join('; ')} — rebuild the plugin's UI against the host's versions` : undefined
}

/** Checks one plugin's bundle folder against the shell's versions (undefined: no shell build to compare with). */
export function checkUiBundle(bundleDir: string, shell: Record<string, string> | undefined): PluginUiState {
  if (!existsSync(join(bundleDir, 'index.js'))) return { state: 'not-built' }
  const metaFile = join(bundleDir, BUNDLE_META_FILE)
  if (!shell || !existsSync(metaFile)) return { state: 'served' }
  let meta: { requires?: unknown }
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { requires?: unknown }
  } catch (err) {
    return { state: 'refused', reason: `UI refused: ${BUNDLE_META_FILE} is not valid JSON (${(err as Error).message})` }
  }
  const requires = meta.requires && typeof meta.requires === 'object' ? (meta.requires as Record<string, unknown>) : {}
  const reason = uiMismatch(requires, shell)
  return reason ? { state: 'refused', reason } : { state: 'served' }
}
