/**
 * The modules every UI bundle shares through the shell's import map: `lit` (with each of its public subpaths
 * except decorators and the polyfill) and `@tessera/ui-kit`. Plugin builds keep exactly these external, and
 * the vendor build emits one file per entry, so the page has ONE Lit and ONE kit (one registry of `tz-*`
 * elements, one toaster, one realtime socket). The rule itself lives in the kit's Vite preset
 * (`@tessera/ui-kit/vite`), which plugin builds use too.
 */
export { forbiddenSpecifiers, kitSpecifier, sharedSpecifiers, sharedVersions, unsharedLitImport } from '@tessera/ui-kit/vite'

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
