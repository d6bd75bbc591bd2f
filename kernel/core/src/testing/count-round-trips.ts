/**
 * `countRoundTrips()`: how many round trips to PostgreSQL this process makes — every `pg` `Client#query` call; a
 * pipeline the kernel sends together (`BEGIN` with the first statements, deferred statements with `COMMIT`) is one.
 * For tests that pin a route's round trips and benchmarks that report them.
 */
import pg from 'pg'

/** What the count reads off a `pg` client: its name, and node-postgres's own record of the query it runs and those waiting. */
interface CountedClient {
  connectionParameters?: { application_name?: string }
  _activeQuery?: unknown
  _queryQueue?: unknown[]
}

/** A running count of {@link countRoundTrips}. @public */
export interface RoundTripCount {
  /** Round trips since counting started. */
  count(): number
  /**
   * Of those, the queries handed to a connection that was still running or holding another — node-postgres queues
   * them, deprecates doing so and pg@9 refuses it; a kernel transaction never does.
   */
  busy(): number
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
  let busy = 0
  let counting = true
  const counted = function (this: CountedClient, ...args: unknown[]) {
    if (counting && which(this.connectionParameters?.application_name)) {
      trips++
      if (this._activeQuery || (this._queryQueue?.length ?? 0) > 0) busy++
    }
    return previous.apply(this, args)
  }
  proto.query = counted
  return {
    count: () => trips,
    busy: () => busy,
    stop() {
      counting = false
      if (proto.query === counted) proto.query = previous
    },
  }
}
