/**
 * Builds the shell (`ui/shell/index.html` + `src/main.ts`) into `dist/` for the URL prefix `/ui/`, with Lit and
 * the kit left as bare imports, and injects the vendor import map at the top of `<head>` (an import map must
 * come before any module script or modulepreload).
 */
import { build } from 'vite'
import type { Plugin } from 'vite'
import { importMapJson } from './import-map.ts'
import type { ImportMap } from './import-map.ts'

export async function buildShell(shellRoot: string, outDir: string, base: string, map: ImportMap): Promise<void> {
  const shared = new Set(Object.keys(map.imports))
  const injectImportMap: Plugin = {
    name: 'tessera-import-map',
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        { tag: 'script', attrs: { type: 'importmap' }, children: importMapJson(map), injectTo: 'head-prepend' },
      ],
    },
  }
  await build({
    configFile: false,
    root: shellRoot,
    base,
    logLevel: 'warn',
    mode: 'production',
    plugins: [injectImportMap],
    build: {
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      target: 'es2022',
      modulePreload: { polyfill: false },
      rolldownOptions: { external: (id) => shared.has(id) },
    },
  })
}
