/**
 * Attributes a V8 .cpuprofile (the newest in a directory) to the request path's layers: every sample goes to the
 * innermost frame of its stack that belongs to a layer (so the pg driver's work under the handler counts as "pg
 * driver", not as the handler), and prints each layer's share of the busy (non-idle) time and, given the number of
 * requests served while profiling, its CPU µs per request.
 *   node bench/lib/cpuprofile-layers.ts /tmp/prof [requests]
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface Node { id: number; callFrame: CallFrame; children?: number[] }

/** A layer and whether a frame belongs to it; the first matching layer in this list wins for one frame. */
const LAYERS: { name: string; match: (f: CallFrame) => boolean }[] = [
  { name: 'security headers (helmet + no-store onSend)', match: (f) => /@fastify\/helmet|\/helmet\/|http\/security-headers\.ts/.test(f.url) },
  { name: 'origin policy hook', match: (f) => f.url.includes('http/origin-policy.ts') },
  { name: 'rate limit', match: (f) => /@fastify\/rate-limit|toad-cache|http\/global-rate-limit\.ts/.test(f.url) },
  { name: 'cookie parsing', match: (f) => /@fastify\/cookie|\/cookie\/|cookie-signature/.test(f.url) },
  { name: 'auth hook + session cache', match: (f) => /auth\/auth-hook\.ts|auth\/session-store\.ts/.test(f.url) },
  { name: 'plugin gate + permission (onRequest)', match: (f) => /plugin-host\/mount-plugin-routes\.ts/.test(f.url) && f.lineNumber >= 120, },
  { name: 'tx onSend hook', match: (f) => /plugin-host\/mount-plugin-routes\.ts/.test(f.url) && f.lineNumber >= 110 && f.lineNumber < 120 },
  { name: 'enablement cache / tenant runner', match: (f) => /tenancy\/enablement-cache\.ts|tenancy\/tenant-runner\.ts/.test(f.url) },
  { name: 'route handler wrapper (actor, race, audit check)', match: (f) => f.url.includes('plugin-host/mount-plugin-routes.ts') },
  { name: 'tenant scope: connect/release + AsyncLocalStorage run', match: (f) => /db\/tenant-transactions\.ts|db\/tenant-scope\.ts|db\/platform-side-transaction\.ts|db\/transaction-client\.ts|db\/pipelined-query\.ts/.test(f.url) || (f.url === 'node:async_hooks') },
  { name: 'tenant-bound query + ctx.db', match: (f) => /db\/tenant-bound-query\.ts|db\/tenant-db\.ts/.test(f.url) },
  { name: 'pg driver (pool, protocol)', match: (f) => /node_modules\/(pg|pg-pool|pg-protocol|pg-types|postgres-[a-z]+)\//.test(f.url) },
  { name: 'metrics (prom-client)', match: (f) => /prom-client|http\/metrics\.ts/.test(f.url) },
  { name: 'logging (pino)', match: (f) => /node_modules\/(pino|pino-std-serializers|sonic-boom|thread-stream)\//.test(f.url) || f.url.endsWith('fastify/lib/logger-pino.js') || f.url.endsWith('fastify/lib/logger-factory.js') || f.url.endsWith('http/request-logger.ts') },
  { name: 'serialisation (fast-json-stringify)', match: (f) => /fast-json-stringify|@fastify\/fast-json-stringify-compiler/.test(f.url) || (/fastify\/lib\//.test(f.url) && /serializ/i.test(f.functionName)) },
  { name: 'validation (ajv)', match: (f) => /node_modules\/ajv|http\/validator-compiler\.ts|fastify\/lib\/validation\.js/.test(f.url) },
  { name: 'request id (genReqId)', match: (f) => f.url.includes('boot/create-http-server.ts') },
  { name: 'other kernel code', match: (f) => f.url.includes('/kernel/core/src/') },
  { name: 'fastify core (routing, hooks, reply)', match: (f) => /node_modules\/(fastify|find-my-way|avvio|@fastify\/[a-z-]+|light-my-request|fastq|process-warning|abstract-logging)\//.test(f.url) },
  { name: 'node http/net', match: (f) => /^node:(_http|http|net|stream|internal\/(http|streams|net|stream_base))/.test(f.url) || /^node:internal\/(http|streams|net|stream_base|timers)/.test(f.url) },
  { name: 'GC', match: (f) => f.functionName === '(garbage collector)' },
]

const NODE = 'node http/net'
const OTHER = 'other (node internals, unattributed)'
const dir = process.argv[2] ?? '.'
const requests = Number(process.argv[3] ?? 0)
const file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] }
const byId = new Map(p.nodes.map((n) => [n.id, n]))
const parent = new Map<number, number>()
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const layerOf = new Map<number, string>()
function classify(id: number): string {
  const known = layerOf.get(id)
  if (known) return known
  const f = byId.get(id)!.callFrame
  const own = LAYERS.find((l) => l.match(f))?.name
  const up = parent.get(id)
  const inherited = up === undefined ? undefined : classify(up)
  // Node's own I/O (socket writes, timers) and GC count for the layer that called them; only the HTTP server's own
  // work (parsing, writing the response) with no layer above it is "node http/net"
  const generic = (l: string | undefined) => l === undefined || l === NODE || l === OTHER || l === 'GC'
  const name = f.functionName === '(idle)' ? '(idle)'
    : own !== undefined && !generic(own) ? own
    : inherited !== undefined && !generic(inherited) ? inherited
    : own ?? inherited ?? OTHER
  layerOf.set(id, name)
  return name
}
const time = new Map<string, number>()
p.samples.forEach((id, i) => {
  const l = classify(id)
  time.set(l, (time.get(l) ?? 0) + (p.timeDeltas[i] ?? 0))
})
const total = [...time.values()].reduce((a, b) => a + b, 0)
const busy = total - (time.get('(idle)') ?? 0)
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, busy ${(busy / 1e6).toFixed(2)} s${requests ? `, ${requests} requests → ${(busy / requests).toFixed(0)} µs busy per request` : ''}`)
console.log('| layer | share of busy time | µs per request |')
console.log('|---|---|---|')
for (const [k, v] of [...time].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1])) {
  console.log(`| ${k} | ${(100 * v / busy).toFixed(1)} % | ${requests ? (v / requests).toFixed(1) : '—'} |`)
}
