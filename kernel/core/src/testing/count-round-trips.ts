/**
 * `countRoundTrips()`: how many round trips to PostgreSQL this process makes — every `pg` `Client#query` call; a
 * pipeline the kernel sends together (`BEGIN` with the first statements, deferred statements with `COMMIT`) is one.
 * For tests that pin a route's round trips and benchmarks that report them.
 */
import pg from 'pg'

/** A running count of {@link countRoundTrips}. @public */
export interface RoundTripCount {
  /** Round trips since counting started. */
  count(): number
  /** Stops counting (the driver is as it was, once every count is stopped). */
  stop(): void
}

/**
 * Starts counting round trips of the clients whose `application_name` passes `which` (default: every client; the
 * job system's pool is `tessera-jobs`, its workers' polling and wake-ups are not a request's). @public
 *
 * ```ts
 * const trips = countRoundTrips((name) => name !== 'tessera-jobs')
 * await t.request({ method: 'POST', url: '/api/v1/things', session, payload })
 * trips.stop()
 * assert.equal(trips.count(), 2)
 * ```
 */
export function countRoundTrips(which: (applicationName: string | undefined) => boolean = () => true): RoundTripCount {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }
  const previous = proto.query
  let trips = 0
  let counting = true
  const counted = function (this: { connectionParameters?: { application_name?: string } }, ...args: unknown[]) {
    if (counting && which(this.connectionParameters?.application_name)) trips++
    return previous.apply(this, args)
  }
  proto.query = counted
  return {
    count: () => trips,
    stop() {
      counting = false
      if (proto.query === counted) proto.query = previous
    },
  }
}
