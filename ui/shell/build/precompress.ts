/**
 * Writes `.br` and `.gz` siblings of every JavaScript, CSS, HTML and JSON file of a build, so the kernel serves them
 * compressed (`@fastify/static` `preCompressed`) with no compression work per request.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync, constants } from 'node:zlib'

const COMPRESSIBLE = /\.(js|css|html|json|svg)$/

/** Compresses every eligible file below `dir`; returns how many files it compressed. */
export function precompress(dir: string): number {
  let count = 0
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) {
      count += precompress(path)
      continue
    }
    if (!COMPRESSIBLE.test(name)) continue
    const data = readFileSync(path)
    if (data.length < 1024) continue
    writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }))
    writeFileSync(`${path}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
    count++
  }
  return count
}
