/**
 * Diagnostic for kernel issue 1 (bench/README.md): how fast a pg-boss queue backlog drains with the kernel's worker
 * options versus the proposed ones. For each variant: a fresh database, 200 jobs queued before the worker starts
 * (the state after a restart or an outage), then the time until all are done (capped at 20 s).
 *   node bench/profile-pgboss-drain.ts
 */
import { PgBoss } from '../kernel/core/node_modules/pg-boss/dist/index.js'
import { createTestDatabase, dropTestDatabase } from '@tessera/kernel/testing'
import { printTable, round, sleep } from './lib/stats.ts'

const JOBS = 200
const CAP_MS = 20_000
const variants: { name: string; boss: Record<string, unknown>; work: Record<string, unknown> }[] = [
  { name: 'kernel today: batchSize 1, notify backstop 2 s', boss: {}, work: { batchSize: 1, pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: 2 } },
  { name: '+ burstWhenReadyExceeds 1 (queue cache 60 s)', boss: {}, work: { batchSize: 1, pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: 2, burstWhenReadyExceeds: 1 } },
  { name: '+ burstWhenReadyExceeds 1, queueCacheIntervalSeconds 2', boss: { queueCacheIntervalSeconds: 2 }, work: { batchSize: 1, pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: 2, burstWhenReadyExceeds: 1 } },
  { name: 'batchSize 10 + burstWhenBatchFull', boss: {}, work: { batchSize: 10, pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: 2, burstWhenBatchFull: true } },
  { name: 'batchSize 10 + burstWhenBatchFull + perJobResults (1 in 10 fails)', boss: {}, work: { batchSize: 10, pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: 2, burstWhenBatchFull: true, perJobResults: true } },
]
const rows = []
for (const v of variants) {
  const url = await createTestDatabase('tessera_drain')
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 4, useListenNotify: true, ...v.boss } as never)
  boss.on('error', () => {})
  try {
    await boss.start()
    await boss.createQueue('drain', { notify: true } as never)
    for (let i = 0; i < JOBS; i++) await boss.send('drain', { i })
    let done = 0
    const t0 = performance.now()
    await boss.work('drain', v.work as never, (async (jobs: { id: string; data: { i: number } }[]) => {
      done += jobs.length
      // with per-job results each job is settled on its own: a failing one does not fail its batch-mates
      if (v.work.perJobResults) return jobs.map((j) => ({ id: j.id, status: j.data.i % 10 === 0 ? 'failed' : 'completed' }))
    }) as never)
    while (done < JOBS && performance.now() - t0 < CAP_MS) await sleep(20)
    const ms = performance.now() - t0
    rows.push({ variant: v.name, 'handled (incl. retries)': `${done}/${JOBS}`, 'seconds': round(ms / 1000, 1), 'jobs/s': round(done / (ms / 1000), 1) })
  } finally {
    await boss.stop({ graceful: false, timeout: 2000 } as never).catch(() => {})
    await dropTestDatabase(url)
  }
}
printTable(`pg-boss backlog drain (${JOBS} jobs queued before the worker starts, cap ${CAP_MS / 1000} s)`, rows)
