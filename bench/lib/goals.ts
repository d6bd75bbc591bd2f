/**
 * The performance goals of issue 15, each tied to the benchmark and per-run metric that measures it. A goal is
 * judged on the median over the separate runs of one measurement (`over: 'median'`), or on the worst run for
 * correctness checks (`over: 'every run'`: no overlap, no loss in any run). Goals without a benchmark yet are listed
 * so that the goals table always shows them (as "no benchmark").
 */

/** How a goal compares its value with the target. */
export type GoalOp = '<=' | '>=' | '=='

/** One goal. */
export interface Goal {
  id: string
  text: string
  /** The benchmark that measures it (`undefined`: none yet). */
  benchmark?: string
  /** The per-run metric it reads. */
  metric?: string
  op: GoalOp
  target: number
  over: 'median' | 'every run'
}

/** Every goal of issue 15, in its order. */
export const GOALS: Goal[] = [
  { id: 'read-cpu', text: 'Read route: server CPU per request ≤ 1.15 × bare', benchmark: 'kernel-overhead', metric: 'cpuPerRequestTesseraVsBare', op: '<=', target: 1.15, over: 'median' },
  { id: 'read-throughput', text: 'Read route: throughput ≥ 0.85 × bare', benchmark: 'kernel-overhead', metric: 'throughputTesseraVsBare', op: '>=', target: 0.85, over: 'median' },
  { id: 'mutation-throughput', text: 'Mutation route: throughput ≥ 0.8 × bare + tx', benchmark: 'mutation-route', metric: 'throughputTesseraVsBareTx', op: '>=', target: 0.8, over: 'median' },
  { id: 'events-rate', text: 'Events: ≥ 1,000 events/s delivered end to end (10 publishing clients)', benchmark: 'jobs-events', metric: 'deliveredPerSecond', op: '>=', target: 1000, over: 'median' },
  { id: 'events-steady-p99', text: 'Events: steady-state p99 ≤ 100 ms (1,000 requests/s, evenly spaced, offered on 10 connections)', benchmark: 'jobs-events', metric: 'steadyLatencyP99Ms', op: '<=', target: 100, over: 'median' },
  { id: 'events-burst-drain', text: 'Events: a burst of 1,000 drained within 2 s', benchmark: 'jobs-events', metric: 'burstDrainMs', op: '<=', target: 2000, over: 'median' },
  { id: 'events-no-loss', text: 'Events: no loss (every burst fully delivered)', benchmark: 'jobs-events', metric: 'lostEvents', op: '==', target: 0, over: 'every run' },
  { id: 'events-no-double', text: 'Events: no double effect', benchmark: 'jobs-events', metric: 'duplicateEffects', op: '==', target: 0, over: 'every run' },
  { id: 'booking-p99', text: 'Booking contention: 200 concurrent clients on one slot, p99 ≤ 150 ms', benchmark: 'booking-contention', metric: 'oneSlotP99Ms', op: '<=', target: 150, over: 'median' },
  { id: 'booking-one-201', text: 'Booking contention: exactly one 201 per slot', benchmark: 'booking-contention', metric: 'oneSlotCreated', op: '==', target: 1, over: 'every run' },
  { id: 'booking-answered', text: 'Booking contention: every request answered 201 or 409 (no 5xx, no timeout)', benchmark: 'booking-contention', metric: 'failedRequests', op: '==', target: 0, over: 'every run' },
  { id: 'booking-no-overlap', text: 'Booking contention: 0 overlapping bookings', benchmark: 'booking-contention', metric: 'overlappingBookings', op: '==', target: 0, over: 'every run' },
  { id: 'orm-read', text: 'ORM read route: ratio stated beside the raw one', benchmark: 'kernel-overhead', metric: 'throughputOrmVsTessera', op: '>=', target: 0, over: 'median' },
  { id: 'tenant-scale', text: 'Tenant scale: per-request throughput 10,000 vs 10 tenants ≥ 0.95', benchmark: 'tenant-scale', metric: 'gateThroughputLargeVsSmall', op: '>=', target: 0.95, over: 'median' },
]

/** Whether `value` meets `goal`. */
export function meets(goal: Goal, value: number): boolean {
  if (!Number.isFinite(value)) return false
  if (goal.op === '<=') return value <= goal.target
  if (goal.op === '>=') return value >= goal.target
  return value === goal.target
}
