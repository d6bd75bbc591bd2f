/** The benchmarks of `pnpm bench` (each `bench/<name>.ts`), in the order they run and appear in the README. */
export const BENCHMARKS = ['kernel-overhead', 'mutation-route', 'booking-contention', 'tenant-scale', 'jobs-events', 'ui', 'unlock-latency', 'xero-sync']
