/**
 * Unlock latency on loopback: from the remote-unlock API call (HTTP to the listening kernel) to the relay coil
 * turning on at a simulated Modbus board — the whole chain: kernel route → signed `unlock` command over the agent's
 * websocket → real site agent → Modbus TCP driver → `modbus-serial` ServerTCP. The board stamps each coil write with
 * `Date.now()`, the same clock as the call. Sequential unlocks (each waits for the relock), after a warm-up.
 *   node bench/unlock-latency.ts [--quick] [--runs=N]
 */
import { RelayBoardServer } from '../hardware-drivers/modbus/test/relay-board-server.ts'
import { boot, world, startAgent, agentUrl, waitFor } from '../plugins/access/test/helpers.ts'
import { defineBenchmark } from './lib/repeat.ts'
import { median, percentile, printTable, round } from './lib/stats.ts'

const WARMUP = 5
const PULSE_MS = 200

await defineBenchmark({
  name: 'unlock-latency',
  title: 'unlock-latency: API call → coil on (loopback)',
  metrics: {
    coilOnP50Ms: { label: 'coil on p50', unit: 'ms', digits: 0 },
    coilOnP99Ms: { label: 'coil on p99', unit: 'ms', digits: 0 },
    coilOnMaxMs: { label: 'coil on max', unit: 'ms', digits: 0 },
    apiAnswerP50Ms: { label: 'API answer p50', unit: 'ms', digits: 0 },
    apiAnswerP99Ms: { label: 'API answer p99', unit: 'ms', digits: 0 },
  },
  async run({ quick }) {
    const SAMPLES = quick ? 15 : 60
    const board = await RelayBoardServer.start({ energisedCoils: [1] })
    const t = await boot()
    try {
      const w = await world(t)
      const doorId = await w.door('gate', { unlockDurationMs: PULSE_MS })
      const site = await startAgent(w, agentUrl(t.port, w), [{
        deviceId: 'gate', driver: 'modbus', unlockDurationMs: PULSE_MS,
        config: { host: board.host, port: board.port, unitId: 1, coil: 1, pollIntervalMs: 50, debounceMs: 20, timeoutMs: 1000 },
      }])
      await site.agent.waitUntilConnected(10_000)
      const coilOn: number[] = []
      const answered: number[] = []
      for (let i = 0; i < SAMPLES + WARMUP; i++) {
        const since = board.writes.length
        const t0 = Date.now()
        const res = await fetch(`http://127.0.0.1:${t.port}/api/v1/access/doors/${doorId}/unlock`, {
          method: 'POST',
          headers: { cookie: w.staff, 'content-type': 'application/json', 'idempotency-key': `bench-${i}-${t0}` },
          body: JSON.stringify({ durationMs: PULSE_MS }),
        })
        const t1 = Date.now()
        const body = (await res.json()) as { ok?: boolean }
        if (res.status !== 200 || !body.ok) throw new Error(`unlock ${res.status} ${JSON.stringify(body)}`)
        const on = board.writes.slice(since).find((x) => x.address === 1 && x.value)
        if (!on) throw new Error('no coil write seen')
        if (i >= WARMUP) {
          coilOn.push(on.at - t0)
          answered.push(t1 - t0)
        }
        await waitFor(() => (board.coil(1) ? undefined : true), 5000, 'relock')
      }
      await site.close()
      const metrics = {
        coilOnP50Ms: median(coilOn), coilOnP99Ms: percentile(coilOn, 99), coilOnMaxMs: Math.max(...coilOn),
        apiAnswerP50Ms: median(answered), apiAnswerP99Ms: percentile(answered, 99),
      }
      printTable(`unlock-latency run (${SAMPLES} unlocks, ms)`, [metrics])
      return {
        metrics,
        setup: { samples: SAMPLES, warmup: WARMUP, pulseMs: PULSE_MS, chain: 'HTTP → kernel → websocket (HMAC-signed command) → site agent → Modbus TCP → ServerTCP' },
        details: { coilOnMs: coilOn, apiAnswerMs: answered.map((x) => round(x, 1)) },
      }
    } finally {
      await t.close()
      await board.close()
    }
  },
}, import.meta.filename)
