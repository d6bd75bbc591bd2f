/**
 * Counts this process's `pg` round trips: every `Client#query` call (a pipeline of statements the kernel sends
 * together is one call), optionally only those of clients whose `application_name` passes `which`.
 */
import pg from 'pg'

/** Starts counting; read `count()` for the calls since. */
export function countQueries(which: (applicationName: string | undefined) => boolean = () => true): { count(): number } {
  let queries = 0
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }
  const original = proto.query
  proto.query = function (this: { connectionParameters?: { application_name?: string } }, ...args: unknown[]) {
    if (which(this.connectionParameters?.application_name)) queries++
    return original.apply(this, args)
  }
  return { count: () => queries }
}
