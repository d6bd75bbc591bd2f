/**
 * What every benchmark kernel shares: no rate limit (the load generator would hit it at once) and, optionally, a pool
 * size; and the round plan of the two request-path benchmarks (kernel-overhead, mutation-route), full or `--quick`.
 */

/** Kernel config overrides for a benchmark kernel: rate limiting off, `poolSize` when given. */
export function benchKernelConfig(extra: { poolSize?: number; jobs?: Record<string, unknown>; ui?: Record<string, unknown> } = {}): never {
  const { poolSize, ...rest } = extra
  return { ...(poolSize === undefined ? {} : { database: { poolSize } }), ...rest, rateLimit: { max: 1e9, timeWindowMs: 60_000 } } as never
}

/** Rounds, seconds per round, warm-up seconds and sequential requests of a request-path benchmark. */
export function requestPathPlan(quick: boolean): { rounds: number; duration: number; warmup: number; sequential: number } {
  return quick ? { rounds: 2, duration: 2, warmup: 1, sequential: 100 } : { rounds: 3, duration: 5, warmup: 2, sequential: 300 }
}
