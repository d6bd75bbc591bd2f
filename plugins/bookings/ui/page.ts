/**
 * The kernel's list envelope (`pageOf` in the SDK: `{ items, total, limit, offset }`) as the screens read it from any
 * plugin's listing.
 */

/** A page of a list answer. */
export interface Page<T> { items: T[]; total: number; limit: number; offset: number }
