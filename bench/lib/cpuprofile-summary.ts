/**
 * Summarises a V8 .cpuprofile (the newest in a directory): self time by package / kernel source folder and the top
 * functions. `node bench/lib/cpuprofile-summary.ts /tmp/prof [--without-writes]`
 *
 * `--without-writes` leaves out the samples taken in the socket-write natives (`writev`, `writeUtf8String`,
 * `writeBuffer`, `writeLatin1String`): the inspector samples by the clock, so a thread descheduled inside a loopback
 * write (it woke PostgreSQL on the other core) is charged there for as long as it waits — on the write paths those
 * frames hold more than half the samples while `process.cpuUsage` puts all system calls at 16–20 % of the CPU.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
const WRITES = new Set(['writev', 'writeUtf8String', 'writeBuffer', 'writeLatin1String'])
const withoutWrites = process.argv.includes('--without-writes')
const dir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '.'
const file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] }
const self = new Map<number, number>()
p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)))
const byGroup = new Map<string, number>()
const byFn = new Map<string, number>()
for (const n of p.nodes) {
  const us = self.get(n.id) ?? 0
  if (!us || (withoutWrites && !n.callFrame.url && WRITES.has(n.callFrame.functionName))) continue
  const url = n.callFrame.url
  let group = n.callFrame.functionName || '(anonymous)'
  if (url.includes('node_modules/')) {
    const rest = url.split('node_modules/').pop()!.split('/')
    group = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]
  } else if (url.includes('/kernel/core/src/')) group = `kernel/${url.split('/kernel/core/src/')[1].split('/')[0]}`
  else if (url.startsWith('node:')) group = url
  else if (url) group = url.split('/').slice(-2).join('/')
  byGroup.set(group, (byGroup.get(group) ?? 0) + us)
  const fn = `${n.callFrame.functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`
  byFn.set(fn, (byFn.get(fn) ?? 0) + us)
}
const total = [...byGroup.values()].reduce((a, b) => a + b, 0)
const idle = byGroup.get('(idle)') ?? 0
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled${withoutWrites ? ' (socket writes left out)' : ''}, ${(100 * idle / total).toFixed(1)} % idle; shares of the busy time:`)
for (const [k, v] of [...byGroup].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(100 * v / (total - idle)).toFixed(1).padStart(5)} %  ${k}`)
console.log('top functions:')
for (const [k, v] of [...byFn].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(100 * v / (total - idle)).toFixed(1).padStart(5)} %  ${k}`)
