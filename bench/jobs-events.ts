/**
 * Jobs and events: end-to-end latency from `ctx.events.publish` inside a request to the subscriber running (the
 * subscriber records both instants, on the same clock, in its table), and delivery throughput:
 * - latency: one request at a time, each waiting for its delivery (p50/p99 over the samples);
 * - bursts (issue 15's goals): 1,000 requests from 10 connections as fast as they go, then the time from the first
 *   event published to the last one delivered (both stamped on the kernel's clock, so the load process's start-up is
 *   not counted; waiting is capped at 15 s and what is still queued then counts as lost) and the delivery rate;
 * - steady state (issue 15's goal): 1,000 requests/s for 10 s, evenly spaced (one due every millisecond, sent at its
 *   instant on one of 10 keep-alive connections: `load/paced-worker.ts`); the latency p50/p99 of the events published
 *   after the first second, and the rates reached. (Until 2026-12-08 this phase used autocannon's `overallRate`,
 *   which sends each second's quota at once: a burst of 1,000 at the start of every second, not a steady load);
 * - backlog: 2,000 events published while no worker runs, then drained by a second kernel instance started on the
 *   same database (a restart after an outage): deliveries per second from its first delivery to its last;
 * - no double effect: every event id appears once in the subscriber's table.
 * Kernel jobs config: the defaults (pollingIntervalSeconds 1). The measured kernels do not capture events for the test
 * harness (`captureEvents: false`), as in production.
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
const STEADY_RATE = 1000
const QUEUE = 'bjobs.on.bjobs.pinged'
const JOBS_CONFIG = { pollingIntervalSeconds: 1, retryLimit: 3, retryDelaySeconds: 5 }

await defineBenchmark({
  name: 'jobs-events',
  title: 'jobs-events: events published in a request, delivered to a subscriber',
  metrics: {
    deliveredPerSecond: { label: 'burst: events delivered per second (first event published → last delivery)', unit: '/s', digits: 0 },
    burstDrainMs: { label: 'burst: first event published → every event delivered', unit: 'ms', digits: 0 },
    burstLatencyP50Ms: { label: 'burst: latency p50', unit: 'ms', digits: 0 },
    burstLatencyP99Ms: { label: 'burst: latency p99', unit: 'ms', digits: 0 },
    publishRps: { label: 'burst: publishing requests per second', unit: 'req/s', digits: 0 },
    lostEvents: { label: 'events not delivered within the cap (15 s after the load; the backlog 30 s)', digits: 0 },
    duplicateEffects: { label: 'events whose subscriber ran more than once', digits: 0 },
    latencyP50Ms: { label: 'one at a time: latency p50', unit: 'ms', digits: 1 },
    latencyP99Ms: { label: 'one at a time: latency p99', unit: 'ms', digits: 1 },
    steadyLatencyP50Ms: { label: `steady ${STEADY_RATE} req/s offered: latency p50`, unit: 'ms', digits: 1 },
    steadyLatencyP99Ms: { label: `steady ${STEADY_RATE} req/s offered: latency p99`, unit: 'ms', digits: 1 },
    steadyPublishRps: { label: `steady ${STEADY_RATE} req/s offered: publishing requests per second`, unit: 'req/s', digits: 0 },
    steadyDeliveredPerSecond: { label: `steady ${STEADY_RATE} req/s offered: events delivered per second`, unit: '/s', digits: 0 },
    backlogDrainPerSecond: { label: 'backlog of 2,000 drained by a restarted instance: deliveries per second', unit: '/s', digits: 0 },
  },
  async run({ quick }) {
    const SAMPLES = quick ? 20 : 60
    const BURST = 1000
    const ROUNDS = quick ? 1 : 3
    const STEADY_S = quick ? 4 : 10
    const BACKLOG = quick ? 500 : 2000
    const t = await createTestKernel({
      plugins: [benchJobs], captureEvents: false,
      config: benchKernelConfig({ jobs: JOBS_CONFIG }),
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
        const waitedMs = performance.now() - t0
        const effects = (await t.adminQuery('SELECT sent_at, ran_at FROM bjobs.effects WHERE id > $1', [maxBefore])).rows as { sent_at: number; ran_at: number }[]
        const lat = effects.map((x) => x.ran_at - x.sent_at)
        // from the first event published (its request's publish, stamped by the route) to the last delivery, on one clock:
        // the load process's start-up (~0.2 s of Node and autocannon loading before its first request) is not delivery time
        const complete = delivered === load.statuses['202']
        const drainMs = complete ? Math.max(...effects.map((x) => x.ran_at)) - Math.min(...effects.map((x) => x.sent_at)) : waitedMs
        rounds.push({
          published: load.statuses['202'] ?? 0, publishRps: round(load.rps, 0), delivered, complete,
          deliveredPerSecond: round(delivered / (drainMs / 1000), 1), drainMs: round(drainMs, 0), publishMs: round(publishMs, 0), waitedMs: round(waitedMs, 0),
          latencyP50Ms: round(percentile(lat, 50), 1), latencyP99Ms: round(percentile(lat, 99), 1), backlogAtCap: 0,
        })
        // what is still queued at the cap is counted, then removed, so that every round starts from an empty queue
        const left = await t.adminQuery(`DELETE FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry')`, [QUEUE])
        rounds[rounds.length - 1].backlogAtCap = left.rowCount ?? 0
        await sleep(500)
      }

      // steady state: a fixed offered rate; the events published after the first second (the load's own ramp-up) count
      const steadyFrom = (await t.adminQuery('SELECT coalesce(max(id), 0)::int AS id FROM bjobs.effects')).rows[0].id as number
      const steadyBefore = await count()
      const s0 = performance.timeOrigin + performance.now()
      const steadyLoad = await runLoad({ url, method: 'POST', body: '{}', connections: CONNECTIONS, duration: STEADY_S, overallRate: STEADY_RATE, headers: { cookie } })
      const published = steadyLoad.statuses['202'] ?? 0
      const steadyDeadline = performance.now() + CAP_MS
      while ((await count()) - steadyBefore < published && performance.now() < steadyDeadline) await sleep(50)
      const steadyRows = (await t.adminQuery('SELECT sent_at, ran_at FROM bjobs.effects WHERE id > $1', [steadyFrom])).rows as { sent_at: number; ran_at: number }[]
      const measured = steadyRows.filter((x) => x.sent_at >= s0 + 1000 && x.sent_at < s0 + STEADY_S * 1000)
      const steadyLat = measured.map((x) => x.ran_at - x.sent_at)
      const steady = {
        offered: STEADY_RATE, seconds: STEADY_S, published, publishRps: round(steadyLoad.rps, 0), delivered: steadyRows.length,
        deliveredPerSecond: round(measured.length / (STEADY_S - 1), 0), measuredEvents: measured.length,
        latencyP50Ms: round(percentile(steadyLat, 50), 1), latencyP99Ms: round(percentile(steadyLat, 99), 1), maxMs: round(Math.max(...steadyLat), 1),
        undeliveredAfterCap: Math.max(0, published - steadyRows.length),
      }
      await sleep(500)

      // backlog: this instance stops working the queue, the events pile up, a second instance (a restart) drains them
      await t.kernel.services.jobs!.boss.offWork(QUEUE)
      const backlogFrom = (await t.adminQuery('SELECT coalesce(max(id), 0)::int AS id FROM bjobs.effects')).rows[0].id as number
      const backlogLoad = await runLoad({ url, method: 'POST', body: '{}', connections: CONNECTIONS, amount: BACKLOG, headers: { cookie } })
      const queued = backlogLoad.statuses['202'] ?? 0
      const second = await createTestKernel({ plugins: [benchJobs], databaseUrl: t.databaseUrl, captureEvents: false, config: benchKernelConfig({ jobs: JOBS_CONFIG }) })
      let backlog: { queued: number; delivered: number; drainMs: number; perSecond: number }
      try {
        const drained = async () => (await t.adminQuery('SELECT count(*)::int AS n FROM bjobs.effects WHERE id > $1', [backlogFrom])).rows[0].n as number
        const deadline = performance.now() + CAP_MS * 2
        while ((await drained()) < queued && performance.now() < deadline) await sleep(50)
        const span = (await t.adminQuery('SELECT count(*)::int AS n, max(ran_at) - min(ran_at) AS ms FROM bjobs.effects WHERE id > $1', [backlogFrom])).rows[0] as { n: number; ms: number }
        backlog = { queued, delivered: span.n, drainMs: round(span.ms, 0), perSecond: round((span.n - 1) / (span.ms / 1000), 0) }
      } finally {
        await second.close()
      }

      const latency = { samples: latencies.length, p50Ms: round(percentile(latencies, 50), 1), p99Ms: round(percentile(latencies, 99), 1), maxMs: round(Math.max(...latencies), 1) }
      printTable('jobs-events: latency publish-in-request → subscriber ran (one at a time)', [latency])
      printTable(`jobs-events: steady ${STEADY_RATE} requests/s, evenly spaced, offered on 10 connections for ${STEADY_S} s (latency of the events published after the first second)`, [steady])
      printTable(`jobs-events: ${BACKLOG} events queued while no worker ran, drained by a second instance`, [backlog])
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
          lostEvents: rounds.reduce((s, x) => s + (x.published - x.delivered), 0) + steady.undeliveredAfterCap + (backlog.queued - backlog.delivered),
          duplicateEffects: duplicates,
          latencyP50Ms: latency.p50Ms, latencyP99Ms: latency.p99Ms,
          steadyLatencyP50Ms: steady.latencyP50Ms, steadyLatencyP99Ms: steady.latencyP99Ms, steadyPublishRps: steady.publishRps,
          steadyDeliveredPerSecond: steady.deliveredPerSecond, backlogDrainPerSecond: backlog.perSecond,
        },
        setup: { samples: SAMPLES, burst: BURST, rounds: ROUNDS, connections: CONNECTIONS, drainCapMs: CAP_MS, pollingIntervalSeconds: 1, steadyRate: STEADY_RATE, steadyPacing: 'evenly spaced (paced-worker)', steadySeconds: STEADY_S, backlog: BACKLOG },
        details: { latency, rounds, summary, steady, backlog },
      }
    } finally {
      await t.close()
    }
  },
}, import.meta.filename)
