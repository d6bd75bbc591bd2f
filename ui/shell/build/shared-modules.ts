/**
 * The modules every UI bundle shares through the shell's import map: `lit` (with each of its public subpaths
 * except decorators and the polyfill) and `@tessera/ui-kit`. Plugin builds keep exactly these external, and
 * the vendor build emits one file per entry, so the page has ONE Lit and ONE kit (one registry of `tz-*`
 * elements, one toaster, one realtime socket).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** Bare specifiers plugins must not import directly (they would bundle a second copy of Lit). */
export const forbiddenSpecifiers = ['lit-html', 'lit-element', '@lit/reactive-element']

/** The kit's bare specifier. */
export const kitSpecifier = '@tessera/ui-kit'

/** Every shared bare specifier, e.g. `lit`, `lit/directives/repeat.js`, `@tessera/ui-kit`. */
export function sharedSpecifiers(shellRoot: string): string[] {
  const require = createRequire(join(shellRoot, 'package.json'))
  const litPkgPath = join(dirname(require.resolve('lit')), 'package.json')
  const exportsField = JSON.parse(readFileSync(litPkgPath, 'utf8')).exports as Record<string, unknown>
  const lit = Object.keys(exportsField)
    .filter((k) => k !== './package.json' && k !== './polyfill-support.js' && !k.startsWith('./decorators'))
    .map((k) => (k === '.' ? 'lit' : `lit/${k.slice(2)}`))
  return [...lit, kitSpecifier]
}

/** A file-name-safe entry name for a specifier: `lit/directives/repeat.js` → `lit-directives-repeat`. */
export function entryName(specifier: string): string {
  return specifier
    .replace(/^@/, '')
    .replace(/\.js$/, '')
    .replace(/[^a-zA-Z0-9]+/g, '-')
}

/** Whether a plugin import should stay external (resolved by the import map at run time). */
export function isShared(id: string, shared: ReadonlySet<string>): boolean {
  return shared.has(id)
}

/** Whether an import is a Lit/kit path that is NOT shared (a build error with a helpful message). */
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
