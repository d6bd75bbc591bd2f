/** Runs the load generator in a child process and returns its summary. */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'

export interface LoadOptions {
  url: string
  method?: string
  connections?: number
  duration?: number
  amount?: number
  timeout?: number
  headers?: Record<string, string>
  body?: string
  bodies?: string[]
  cookies?: string[]
  /** Every request carries a fresh `Idempotency-Key`. */
  idempotencyKeys?: boolean
  /**
   * A steady rate: requests per second over all connections, evenly spaced (`load/paced-worker.ts`; `bodies`,
   * `cookies`, `idempotencyKeys` and `amount` are not supported with it).
   */
  overallRate?: number
}

export interface LoadResult {
  rps: number
  total: number
  durationS: number
  p50: number
  p90: number
  p99: number
  max: number
  mean: number
  non2xx: number
  errors: number
  timeouts: number
  statuses: Record<string, number>
}

const WORKER = join(import.meta.dirname, '..', 'load', 'autocannon-worker.ts')
const PACED_WORKER = join(import.meta.dirname, '..', 'load', 'paced-worker.ts')

/**
 * Spawns the load generator with `process.execPath` and waits for its JSON line: `bench/load/autocannon-worker.ts`
 * (closed loop: each connection sends its next request when the last is answered), or `bench/load/paced-worker.ts`
 * for a steady `overallRate`.
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.overallRate && (options.bodies || options.cookies || options.idempotencyKeys || options.amount)) {
    return Promise.reject(new Error('runLoad: a paced load (overallRate) takes one body and cookie, for a duration'))
  }
  return new Promise((resolve, reject) => {
    const json = JSON.stringify(options)
    let arg = json
    let dir: string | undefined
    if (json.length > 50_000) {
      dir = mkdtempSync(join(tmpdir(), 'tessera-load-'))
      arg = join(dir, 'options.json')
      writeFileSync(arg, json)
    }
    const child = spawn(process.execPath, [options.overallRate ? PACED_WORKER : WORKER, arg], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('error', reject)
    child.on('close', (code) => {
      if (dir) rmSync(dir, { recursive: true, force: true })
      const line = out.trim().split('\n').pop()
      if (code !== 0 || !line) return reject(new Error(`load worker failed (${code}): ${err}`))
      resolve(JSON.parse(line) as LoadResult)
    })
  })
}
