/**
 * Diagnostic for kernel-overhead: system calls per request of the server process (kernel plugin route vs bare
 * Fastify + pg vs bare + the kernel's transaction statements), counted with `strace -c -f` attached to this
 * process while the load process sends a fixed number of requests. Needs strace and ptrace rights (root).
 *   node bench/profile-syscalls.ts
 */
import { spawn } from 'node:child_process'
import { readFileSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import pg from 'pg'
import Fastify from 'fastify'
import { createTestKernel } from '@tessera/kernel/testing'
import { benchItems, BARE_SQL, ITEM_SCHEMA } from './lib/fixtures.ts'
import { runLoad } from './lib/load.ts'
import { printTable, round, sleep } from './lib/stats.ts'
import { benchKernelConfig } from './lib/bench-config.ts'

const N = 3000
const t = await createTestKernel({ captureEvents: false, plugins: [benchItems], config: benchKernelConfig({ poolSize: 10 }) })
const bare = Fastify({ logger: false })
const pool = new pg.Pool({ connectionString: t.databaseUrl, max: 10 })
const dir = mkdtempSync(join(tmpdir(), 'tessera-strace-'))
try {
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'benchitems')
  await t.adminQuery(`INSERT INTO benchitems.items (tenant_id, k, v) SELECT $1, k, 'value ' || k FROM generate_series(1, 10000) k`, [tenant.id])
  const { cookie } = await t.signIn({ tenantId: tenant.id, role: 'member' })
  const kernelUrl = await t.kernel.listen()
  const role = t.kernel.services.config.database.runtimeRole
  const params = { type: 'object', required: ['k'], properties: { k: { type: 'integer' } } }
  const response = { 200: { type: 'array', items: ITEM_SCHEMA } }
  bare.get('/items/:k', { schema: { params, response } }, async (req) => (await pool.query(BARE_SQL, [tenant.id, (req.params as { k: number }).k])).rows)
  bare.get('/tx/items/:k', { schema: { params, response } }, async (req) => {
    const client = await pool.connect()
    try {
      await client.query(`BEGIN; SET LOCAL ROLE ${role}; SELECT set_config('app.tenant_id', '${tenant.id}', true)`)
      const { rows } = await client.query('SELECT id, k, v FROM benchitems.items WHERE k = $1', [(req.params as { k: number }).k])
      await client.query('COMMIT')
      return rows
    } finally {
      client.release()
    }
  })
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 })
  const targets = {
    tessera: { url: `${kernelUrl}/api/v1/benchitems/items/4242`, headers: { cookie } },
    bare: { url: `${bareUrl}/items/4242`, headers: {} },
    'bare + tx': { url: `${bareUrl}/tx/items/4242`, headers: {} },
  }
  const rows = []
  for (const [name, target] of Object.entries(targets)) {
    await runLoad({ ...target, connections: 10, amount: 500 })
    const out = join(dir, `${name.replace(/\W/g, '')}.txt`)
    const strace = spawn('strace', ['-c', '-f', '-p', String(process.pid), '-o', out], { stdio: 'ignore' })
    await sleep(1000)
    const res = await runLoad({ ...target, connections: 10, amount: N })
    strace.kill('SIGINT')
    await new Promise((r) => strace.once('exit', r))
    const calls = new Map<string, number>()
    for (const line of readFileSync(out, 'utf8').split('\n')) {
      const m = line.trim().split(/\s+/)
      if (m.length >= 5 && /^\d/.test(m[0]) && /^\d+$/.test(m[3])) calls.set(m[m.length - 1], Number(m[3]))
    }
    const total = [...calls.values()].reduce((a, b) => a + b, 0)
    const per = (k: string) => round((calls.get(k) ?? 0) / res.total, 2)
    rows.push({ server: name, requests: res.total, 'syscalls/req': round(total / res.total, 1), 'write/req': per('write'), 'writev/req': per('writev'), 'read/req': per('read'), 'epoll_wait/req': per('epoll_wait'), 'futex/req': per('futex') })
  }
  printTable(`system calls of the server process per request (strace -c -f, ${N} requests, 10 connections)`, rows)
} finally {
  rmSync(dir, { recursive: true, force: true })
  await bare.close()
  await pool.end()
  await t.close()
}
