/**
 * Instructions per request of the kernel-overhead servers, counted by valgrind's callgrind — a figure that does not
 * move with the load on the machine (CPU time does: on a shared 2-core VM a busy neighbour stretches every request),
 * so one change to the request path can be judged while other work runs. Not a goal and not quoted: the goal is CPU
 * per request in `pnpm bench` on a quiet machine; this is the tool for the work in between.
 *
 * For each variant: the server of `kernel-overhead-server.ts` under `valgrind --tool=callgrind --instr-atstart=no`
 * (Node runs about 30–60 × slower, uncounted, until counting is switched on), a warm-up of {@link WARMUP} requests so
 * that V8 has optimised the hot path, then counting on (`callgrind_control -i on`), {@link MEASURED} requests from
 * 10 connections, counting off; then counting again for the same wall time with no request, which is subtracted (the
 * kernel's timers and job polling run by the clock, and under valgrind the window's length depends on how busy the
 * machine is); and the instructions of the main thread (where the request path runs, with the GC
 * work done there) divided by the requests the server received — beside it those of every thread (V8's concurrent
 * compiler and GC helpers too, which vary more from run to run); PostgreSQL is another process and not counted.
 *   node bench/profile-instructions.ts [tessera] [bare] …   (default: tessera and bare)
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runLoad } from './lib/load.ts'
import { startServerProcess } from './lib/server-process.ts'
import { printTable, sleep } from './lib/stats.ts'
import { VARIANTS } from './kernel-overhead-server.ts'
import type { Variant } from './kernel-overhead-server.ts'
import { createReadWorld, KEY } from './lib/read-world.ts'

const WARMUP = 15_000
const MEASURED = 3000
const SERVER = join(import.meta.dirname, 'kernel-overhead-server.ts')

const asked = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const variants = (asked.length ? asked : ['tessera', 'bare']) as Variant[]
for (const v of variants) if (!VARIANTS.includes(v)) throw new Error(`unknown variant "${v}" (one of ${VARIANTS.join(', ')})`)

/** The instructions (`totals:` Ir) of the callgrind dumps in `dir`: of all threads, and of the main (JavaScript) thread. */
function instructions(dir: string): { all: number; main: number } {
  let all = 0
  let main = 0
  for (const f of readdirSync(dir)) {
    const thread = Number(/-(\d+)$/.exec(f)?.[1] ?? 1)
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/^totals: (\d+)/gm)) {
      all += Number(m[1])
      if (thread === 1) main += Number(m[1])
    }
  }
  return { all, main }
}

const world = await createReadWorld()
const rows: Record<string, unknown>[] = []
try {
  for (const variant of variants) {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-callgrind-'))
    const server = await startServerProcess(SERVER, [JSON.stringify({ variant, databaseUrl: world.op.databaseUrl, tenantId: world.tenantId, runtimeRole: world.runtimeRole, poolSize: 10 })],
      ['valgrind', '--tool=callgrind', '--instr-atstart=no', '--separate-threads=yes', `--callgrind-out-file=${join(dir, 'cg.%p')}`, '-q'])
    try {
      const target = { url: `${server.url}/${KEY}`, headers: variant.startsWith('tessera') ? { cookie: world.cookie } : {} as Record<string, string>, connections: 10, timeout: 120 }
      process.stderr.write(`${variant}: warm-up (${WARMUP} requests, uncounted)…\n`)
      await runLoad({ ...target, amount: WARMUP })
      const pid = String(server.pid)
      const control = (...args: string[]) => execFileSync('callgrind_control', [...args, pid], { stdio: 'ignore' })
      control('-i', 'on')
      const started = performance.now()
      const s0 = await server.stats()
      process.stderr.write(`${variant}: ${MEASURED} counted requests…\n`)
      const load = await runLoad({ ...target, amount: MEASURED })
      const s1 = await server.stats()
      const wallMs = performance.now() - started
      control('-i', 'off')
      control('-d')
      if (load.non2xx || load.errors) throw new Error(`${variant}: ${load.non2xx} non-2xx, ${load.errors} errors`)
      const busy = instructions(dir)
      // the same wall time with no request: the timers and polling that ran during the window (their share grows with
      // the window's length, which under valgrind depends on how busy the machine is) are taken out
      process.stderr.write(`${variant}: ${Math.round(wallMs / 1000)} s with no request (counted, subtracted)…\n`)
      control('-z')
      control('-i', 'on')
      await sleep(wallMs)
      control('-i', 'off')
      control('-d')
      const both = instructions(dir)
      const idle = { main: both.main - busy.main, all: both.all - busy.all }
      const requests = s1.requests - s0.requests
      const ir = { main: busy.main - idle.main, all: busy.all - idle.all }
      if (process.env.KEEP) process.stderr.write(`kept ${dir}\n`)
      rows.push({ server: variant, requests, 'instructions/request': Math.round(ir.main / requests), 'all threads': Math.round(ir.all / requests), 'round trips/request': Math.round(((s1.queries - s0.queries) / requests) * 100) / 100, 'idle/s': Math.round(idle.main / (wallMs / 1000)) })
    } finally {
      await server.close()
      if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true })
    }
  }
} finally {
  await world.op.close()
}
const base = rows.find((r) => r.server === 'bare')?.['instructions/request'] as number | undefined
printTable('instructions per request (callgrind)', rows.map((r) => ({ ...r, '÷ bare': base ? Math.round(((r['instructions/request'] as number) / base) * 1000) / 1000 : '—' })))
