/**
 * What went wrong talking to PaperCut, classified so staff see a reason they can act on: the server is unreachable,
 * the auth token is refused, PaperCut does not know the user, or anything else the server answered.
 */
import type { ERROR_KINDS } from '../contract/index.ts'

/** A kind of PaperCut error. */
export type PaperCutErrorKind = (typeof ERROR_KINDS)[number]

/** A failed PaperCut call (or a missing configuration). */
export class PaperCutError extends Error {
  readonly kind: PaperCutErrorKind
  constructor(kind: PaperCutErrorKind, message: string) {
    super(message)
    this.kind = kind
  }
}

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN'])

/** Classifies an error of the `xmlrpc` client: a fault (`faultString`) or a transport error (`code`). */
export function classify(error: unknown, method: string): PaperCutError {
  if (error instanceof PaperCutError) return error
  const e = error as { faultString?: string; code?: string; message?: string }
  if (typeof e.faultString === 'string') {
    const text = e.faultString
    if (/auth|token/i.test(text)) return new PaperCutError('bad-token', `PaperCut refused the auth token (${method}): ${text}`)
    if (/does not exist|not found|unknown user/i.test(text)) return new PaperCutError('unknown-user', `PaperCut does not know the user (${method}): ${text}`)
    return new PaperCutError('server-error', `PaperCut answered ${method} with a fault: ${text}`)
  }
  if (e.code && NETWORK.has(e.code)) return new PaperCutError('unreachable', `PaperCut is unreachable (${e.code})`)
  return new PaperCutError('server-error', `PaperCut call ${method} failed: ${e.message ?? String(error)}`)
}
