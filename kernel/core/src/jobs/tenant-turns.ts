/**
 * Per-tenant fairness on a shared queue, as the pg-boss priority of each job (workers fetch by priority, then by
 * `created_on`, from pg-boss's ordering index, so this costs nothing per fetch).
 *
 * Each (queue, tenant) has a next turn on a clock of its own: a job takes the tenant's next turn, but never one
 * earlier than now, and the next turn moves {@link SPACING_MS} later. A tenant that enqueues fewer than 1,000 ÷
 * {@link SPACING_MS} jobs a second stays at now; one that enqueues a burst has its jobs spread over the seconds ahead,
 * so every other tenant's job enqueued meanwhile (at now) is worked before the rest of the burst. The priority is the
 * turn's second, counted downwards, so a later second is a lower priority; within a second, `created_on` decides.
 *
 * Why turns rather than a count per second (the scheme this replaced: a job's priority fell with the jobs its tenant
 * had enqueued in the same second): a count starts over every second, so under sustained load the late jobs of one
 * second lost to the early jobs of every following second, and waited until the load stopped (a delivery p99 of 10 s
 * in a 10-s benchmark). A tenant's turns only ever move forward, so its own jobs are worked in the order it enqueued
 * them, whatever the load.
 *
 * A turn is at most {@link MAX_LEAD_MS} ahead of now: a tenant that enqueued a long burst gets behind other tenants by
 * no more than that, and its jobs beyond the lead are worked in order of arrival with the other busy tenants' jobs.
 */

/** Virtual spacing of one tenant's jobs on a queue: 20 jobs a second before they trail other tenants' jobs. */
export const SPACING_MS = 50
/** How far ahead of now a tenant's turn can be. */
export const MAX_LEAD_MS = 60_000
/**
 * The second the priorities count down from (2026-01-01): priorities are pg-boss's `integer`, so a turn's second must
 * stay within 2³¹ of it (until 2094).
 */
const EPOCH_S = 1_767_225_600
/** Past this many keys, the keys whose turn is not ahead of now (the same as no entry) are dropped. */
const PRUNE_AT = 10_000

/** The next turns of the tenants of this instance's queues. */
export class TenantTurns {
  #next = new Map<string, number>()

  /** The pg-boss priority of the job `key` (queue and tenant) enqueues at `now` (epoch ms), taking its turn. */
  take(key: string, now: number): number {
    const turn = Math.min(Math.max(this.#next.get(key) ?? now, now), now + MAX_LEAD_MS)
    if (this.#next.size >= PRUNE_AT && !this.#next.has(key)) this.#prune(now)
    this.#next.set(key, turn + SPACING_MS)
    return EPOCH_S - Math.floor(turn / 1000)
  }

  #prune(now: number): void {
    for (const [key, next] of this.#next) if (next <= now) this.#next.delete(key)
  }
}
