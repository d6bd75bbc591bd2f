/**
 * The import map the shell's `index.html` carries, so that bare imports in the shell and in every plugin
 * bundle (`import { html } from 'lit'`, `import { api } from '@tessera/ui-kit'`) resolve to the shared vendor
 * files. Also written to `dist/vendor/importmap.json` for tools and test pages.
 */

export interface ImportMap {
  imports: Record<string, string>
}

/** The `<script type="importmap">` element's text. */
export function importMapJson(map: ImportMap): string {
  return JSON.stringify(map, null, 2)
}
