/**
 * Lookups issued together (so that a tenant transaction sends them in one round trip) whose failures still have an
 * order: `Promise.all` rejects with whichever fails first in time, which depends on how many awaits each takes; here
 * the first failure *in the order given* wins, e.g. a broken rule (422) before a taken seat (409).
 */

/** Awaits every promise, then throws the first rejection in argument order, or returns all the values. */
export async function firstFailureInOrder<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(promises)
  for (const s of settled) if (s.status === 'rejected') throw s.reason
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T
}
