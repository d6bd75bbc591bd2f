/**
 * Builds the shared vendor modules (Lit and @tessera/ui-kit) into `dist/vendor/` as content-hashed ES modules
 * with shared chunks, and returns the import map that points each bare specifier at its file.
 */
import { build } from 'vite'
import type { Rolldown } from 'vite'
import { entryName, sharedSpecifiers } from './shared-modules.ts'
import type { ImportMap } from './import-map.ts'

export async function buildVendor(shellRoot: string, outDir: string, base: string): Promise<ImportMap> {
  const specifiers = sharedSpecifiers(shellRoot)
  const input = Object.fromEntries(specifiers.map((s) => [entryName(s), s]))
  const result = await build({
    configFile: false,
    root: shellRoot,
    logLevel: 'warn',
    mode: 'production',
    build: {
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      target: 'es2022',
      rolldownOptions: {
        input,
        preserveEntrySignatures: 'strict',
        output: {
          format: 'es',
          entryFileNames: 'vendor/[name]-[hash].js',
          chunkFileNames: 'vendor/chunk-[hash].js',
        },
      },
    },
  })
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[]
  const byName = new Map<string, string>()
  for (const output of outputs) {
    for (const item of output.output) {
      if (item.type === 'chunk' && item.isEntry) byName.set(item.name, item.fileName)
    }
  }
  const imports: Record<string, string> = {}
  for (const specifier of specifiers) {
    const file = byName.get(entryName(specifier))
    if (!file) throw new Error(`vendor build produced no file for ${specifier}`)
    imports[specifier] = `${base}${file}`
  }
  return { imports }
}
