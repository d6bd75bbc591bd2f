/**
 * Jobs and events: end-to-end latency from `ctx.events.publish` inside a request to the subscriber running (the
 * subscriber records both instants, on the same clock, in its table), and delivery throughput:
 * - latency: one request at a time, each waiting for its delivery (p50/p99 over the samples);
 * - bursts (issue 15's goals): 1,000 requests from 10 connections as fast as they go, then the time until every
 *   event has been delivered (capped at 15 s; what is still queued at the cap counts as lost) and the delivery rate;
 * - no double effect: every event id appears once in the subscriber's table.
 * Kernel jobs config: the defaults (pollingIntervalSeconds 1).
 *   node bench/jobs-events.ts [--quick] [--runs=N]
 */
import { createTestKernel } from '@tessera/kernel/testing'
import { benchJobs } from './lib/fixtures.ts'
import { runLoad } from './lib/load.ts'
import { defineBenchmark } from './lib/repeat.ts'
import { median, percentile, printTable, round, sleep } from './lib/stats.ts'
import { benchKernelConfig } from './lib/bench-config.ts'

const CAP_MS = 15_000
const CONNECTIONS = 10

await defineBenchmark({
  name: 'jobs-events',
  title: 'jobs-events: events published in a request, delivered to a subscriber',
  metrics: {
    deliveredPerSecond: { label: 'burst: events delivered per second (publish start → last delivery)', unit: '/s', digits: 0 },
    burstDrainMs: { label: 'burst: until every event was delivered', unit: 'ms', digits: 0 },
    burstLatencyP50Ms: { label: 'burst: latency p50', unit: 'ms', digits: 0 },
    burstLatencyP99Ms: { label: 'burst: latency p99', unit: 'ms', digits: 0 },
    publishRps: { label: 'burst: publishing requests per second', unit: 'req/s', digits: 0 },
    lostEvents: { label: 'events not delivered within 15 s', digits: 0 },
    duplicateEffects: { label: 'events whose subscriber ran more than once', digits: 0 },
    latencyP50Ms: { label: 'one at a time: latency p50', unit: 'ms', digits: 1 },
    latencyP99Ms: { label: 'one at a time: latency p99', unit: 'ms', digits: 1 },
  },
  async run({ quick }) {
    const SAMPLES = quick ? 20 : 60
    const BURST = 1000
    const ROUNDS = quick ? 1 : 3
    const t = await createTestKernel({
      plugins: [benchJobs],
      config: benchKernelConfig({ jobs: { pollingIntervalSeconds: 1, retryLimit: 3, retryDelaySeconds: 5 } }),
    })
    try {
      const tenant = await t.createTenant()
      await t.enable(tenant.id, 'bjobs')
      const { cookie } = await t.signIn({ tenantId: tenant.id, role: 'admin' })
      const base = await t.kernel.listen()
      const url = `${base}/api/v1/bjobs/ping`
      const count = async () => (await t.adminQuery('SELECT count(*)::int AS n FROM bjobs.effects')).rows[0].n as number
      const ping = async () => {
        const res = await fetch(url, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' })
        await res.arrayBuffer()
        if (res.status !== 202) throw new Error(`ping ${res.status}`)
      }

      // latency, one event at a time (after a few warm-up deliveries)
      const latencies: number[] = []
      for (let i = 0; i < SAMPLES + 5; i++) {
        const before = await count()
        await ping()
        const start = performance.now()
        while ((await count()) === before) {
          if (performance.now() - start > 10_000) throw new Error('event not delivered within 10 s')
          await sleep(2)
        }
        if (i >= 5) {
          const r = await t.adminQuery('SELECT ran_at - sent_at AS ms FROM bjobs.effects ORDER BY id DESC LIMIT 1')
          latencies.push(r.rows[0].ms)
        }
      }

      // throughput: bursts of requests, then wait for the deliveries
      const rounds = []
      for (let r = 0; r < ROUNDS; r++) {
        const before = await count()
        const maxBefore = (await t.adminQuery('SELECT coalesce(max(id), 0)::int AS id FROM bjobs.effects')).rows[0].id as number
        const t0 = performance.now()
        const load = await runLoad({ url, method: 'POST', body: '{}', connections: CONNECTIONS, amount: BURST, headers: { cookie } })
        const publishMs = performance.now() - t0
        let delivered = (await count()) - before
        while (delivered < load.statuses['202'] && performance.now() - t0 < CAP_MS) {
          await sleep(50)
          delivered = (await count()) - before
        }
        const drainMs = performance.now() - t0
        const lat = (await t.adminQuery('SELECT ran_at - sent_at AS ms FROM bjobs.effects WHERE id > $1', [maxBefore])).rows.map((x) => x.ms as number)
        rounds.push({
          published: load.statuses['202'] ?? 0, publishRps: round(load.rps, 0), delivered, complete: delivered === load.statuses['202'],
          deliveredPerSecond: round(delivered / (drainMs / 1000), 1), drainMs: round(drainMs, 0), publishMs: round(publishMs, 0),
          latencyP50Ms: round(percentile(lat, 50), 1), latencyP99Ms: round(percentile(lat, 99), 1), backlogAtCap: 0,
        })
        // what is still queued at the cap is counted, then removed, so that every round starts from an empty queue
        const left = await t.adminQuery(`DELETE FROM pgboss.job WHERE name = 'bjobs.on.bjobs.pinged' AND state IN ('created', 'retry')`)
        rounds[rounds.length - 1].backlogAtCap = left.rowCount ?? 0
        await sleep(500)
      }

      const latency = { samples: latencies.length, p50Ms: round(percentile(latencies, 50), 1), p99Ms: round(percentile(latencies, 99), 1), maxMs: round(Math.max(...latencies), 1) }
      printTable('jobs-events: latency publish-in-request → subscriber ran (one at a time)', [latency])
      printTable(`jobs-events: bursts of ${BURST} requests (10 connections), deliveries within ${CAP_MS / 1000} s`, rounds.map((x, i) => ({
        run: i + 1, 'publish req/s': x.publishRps, delivered: `${x.delivered}/${x.published}`, 'deliveries/s': x.deliveredPerSecond, 'until drained ms': x.complete ? x.drainMs : `> ${x.drainMs}`,
        'latency p50 ms': x.latencyP50Ms, 'latency p99 ms': x.latencyP99Ms, 'still queued at cap': x.backlogAtCap,
      })))
      const summary = {
        latencyP50Ms: latency.p50Ms, latencyP99Ms: latency.p99Ms,
        publishRps: median(rounds.map((x) => x.publishRps)), deliveredPerSecond: median(rounds.map((x) => x.deliveredPerSecond)),
        burstLatencyP50Ms: median(rounds.map((x) => x.latencyP50Ms)), burstLatencyP99Ms: median(rounds.map((x) => x.latencyP99Ms)),
        deliveryToPublishRatio: round(median(rounds.map((x) => x.deliveredPerSecond / x.publishRps)), 3),
        allBurstsDrainedWithinCap: rounds.every((x) => x.complete), medianBacklogAtCap: median(rounds.map((x) => x.backlogAtCap)),
      }
      const duplicates = (await t.adminQuery('SELECT (count(*) - count(DISTINCT event_id))::int AS n FROM bjobs.effects')).rows[0].n as number
      return {
        metrics: {
          deliveredPerSecond: summary.deliveredPerSecond, burstDrainMs: median(rounds.map((x) => (x.complete ? x.drainMs : CAP_MS))),
          burstLatencyP50Ms: summary.burstLatencyP50Ms, burstLatencyP99Ms: summary.burstLatencyP99Ms, publishRps: summary.publishRps,
          lostEvents: rounds.reduce((s, x) => s + (x.published - x.delivered), 0), duplicateEffects: duplicates,
          latencyP50Ms: latency.p50Ms, latencyP99Ms: latency.p99Ms,
        },
        setup: { samples: SAMPLES, burst: BURST, rounds: ROUNDS, connections: CONNECTIONS, drainCapMs: CAP_MS, pollingIntervalSeconds: 1 },
        details: { latency, rounds, summary },
      }
    } finally {
      await t.close()
    }
  },
}, import.meta.filename)
