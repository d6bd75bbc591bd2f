/**
 * The server process of the tenant-scale benchmark: boots a kernel with `count` generated plugins on an existing
 * database (argv[2], argv[3]), listens, and prints `{ url, bootMs, rssMb, heapMb }` — boot measured from before
 * `createTestKernel` to after `listen()`, resident memory right after boot. On SIGUSR2 it collects garbage and prints
 * `{ gcHeapMb, gcRssMb }`.
 */
import { createTestKernel } from '@tessera/kernel/testing'
import { generatedPlugins } from './lib/fixtures.ts'
import { benchKernelConfig } from './lib/bench-config.ts'

const started = performance.now()
const t = await createTestKernel({
  plugins: generatedPlugins(Number(process.argv[3] ?? 10)), databaseUrl: process.argv[2], captureEvents: false,
  config: benchKernelConfig({ poolSize: 10 }),
})
const url = await t.kernel.listen()
const bootMs = performance.now() - started
const mem = process.memoryUsage()
process.stdout.write(JSON.stringify({ url, bootMs, rssMb: mem.rss / 2 ** 20, heapMb: mem.heapUsed / 2 ** 20 }) + '\n')
process.on('SIGTERM', () => void t.close().finally(() => process.exit(0)))
// SIGUSR2: a full GC (the process runs with --expose-gc), then one line with the live heap and RSS
process.on('SIGUSR2', () => {
  ;(globalThis as { gc?: () => void }).gc?.()
  const m = process.memoryUsage()
  process.stdout.write(JSON.stringify({ gcHeapMb: m.heapUsed / 2 ** 20, gcRssMb: m.rss / 2 ** 20 }) + '\n')
})
