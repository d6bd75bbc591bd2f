/**
 * Signing and verification of kernel→agent commands. A command is `{ id, agentId, type, payload, issuedAt,
 * expiresAt }`: `id` is a random UUID that doubles as the replay nonce, `agentId` binds it to one site agent, and
 * the validity window is short (30 s by default, 10 min at most). The kernel signs with the agent's shared secret
 * (HMAC-SHA256 over the canonical JSON of exactly those six fields, domain `tessera/agent-command/v1`) and sends
 * the command with a `signature` field added. The agent verifies with {@link verifyCommand}, which checks, in this
 * order, shape (`malformed`), signature (`bad-signature`), addressee (`wrong-agent`), validity window (`expired`)
 * and nonce (`replayed`); only a command that passes every check is remembered as seen, so a forged copy cannot
 * burn the nonce of a real command.
 */
import { randomUUID } from 'node:crypto'
import { hmacSign, hmacVerify, SIGNATURE_DOMAINS } from './hmac-signature.ts'
import type { HmacSecret } from './hmac-signature.ts'
import type { NonceStore } from './nonce-store.ts'

export { NonceStore } from './nonce-store.ts'
export type { NonceStoreOptions } from './nonce-store.ts'

/** A command from the kernel to one site agent, before signing. */
export interface AgentCommand<P = unknown> {
  /** Random UUID; the replay nonce and the id the agent's reply refers to. */
  id: string
  /** The agent the command is for. */
  agentId: string
  /** Command type, e.g. `unlock`, `lock`, `grants.replace`, `status`. */
  type: string
  /** Type-specific arguments (JSON). */
  payload: P
  /** ISO-8601 issue time. */
  issuedAt: string
  /** ISO-8601 time after which the agent refuses the command. */
  expiresAt: string
}

/** A command with its base64url HMAC-SHA256 `signature`. */
export interface SignedAgentCommand<P = unknown> extends AgentCommand<P> {
  signature: string
}

/** Why a command was refused. */
export type CommandRejectionReason = 'bad-signature' | 'expired' | 'replayed' | 'wrong-agent' | 'malformed'

/** Result of {@link verifyCommand}. */
export type CommandVerification<P = unknown> =
  | { ok: true; command: AgentCommand<P> }
  | { ok: false; reason: CommandRejectionReason; message: string }

/** Options of {@link verifyCommand}. */
export interface VerifyCommandOptions {
  /** The verifying agent's id; commands for another agent are refused. */
  agentId: string
  /** Where seen command ids are remembered. Share one store per agent for its whole life. */
  nonces: NonceStore
  /** Current time in epoch ms (default `Date.now()`). */
  now?: number
  /** Tolerated clock difference between kernel and agent, ms (default 30 000). */
  clockSkewMs?: number
  /** Longest accepted validity window `expiresAt - issuedAt`, ms (default 600 000). */
  maxTtlMs?: number
}

/** Default validity window of a command, ms. */
export const DEFAULT_COMMAND_TTL_MS = 30_000

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const FIELDS = ['agentId', 'expiresAt', 'id', 'issuedAt', 'payload', 'signature', 'type']

/**
 * Build an unsigned command with a fresh UUID and a validity window.
 *
 * @param input - addressee, type, payload, optional `ttlMs` (default 30 s) and `now` (epoch ms)
 * @returns the command, ready for {@link signCommand}
 */
export function createCommand<P>(input: { agentId: string; type: string; payload: P; ttlMs?: number; now?: number }): AgentCommand<P> {
  const now = input.now ?? Date.now()
  return {
    id: randomUUID(),
    agentId: input.agentId,
    type: input.type,
    payload: input.payload,
    issuedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + (input.ttlMs ?? DEFAULT_COMMAND_TTL_MS)).toISOString(),
  }
}

/**
 * Sign a command.
 *
 * @param secret - the agent's shared secret
 * @param command - the command (any extra fields are dropped)
 * @returns the command with `signature`
 */
export function signCommand<P>(secret: HmacSecret, command: AgentCommand<P>): SignedAgentCommand<P> {
  const unsigned = pickCommand(command)
  return { ...unsigned, signature: hmacSign(secret, SIGNATURE_DOMAINS.command, unsigned) }
}

/**
 * Create and sign a command in one step (what the kernel usually wants).
 *
 * @param secret - the agent's shared secret
 * @param input - as for {@link createCommand}
 * @returns the signed command
 */
export function issueCommand<P>(
  secret: HmacSecret,
  input: { agentId: string; type: string; payload: P; ttlMs?: number; now?: number },
): SignedAgentCommand<P> {
  return signCommand(secret, createCommand(input))
}

/**
 * Verify a received command (see the module comment for the order of checks). On success the command id is
 * recorded in `options.nonces`.
 *
 * @param secret - this agent's shared secret
 * @param input - the received value, untrusted
 * @param options - agent id, nonce store, clock
 * @returns the verified command, or the reason it was refused
 */
export function verifyCommand<P = unknown>(secret: HmacSecret, input: unknown, options: VerifyCommandOptions): CommandVerification<P> {
  const malformed = checkShape(input, options.maxTtlMs ?? 600_000)
  if (malformed) return { ok: false, reason: 'malformed', message: malformed }
  const signed = input as SignedAgentCommand<P>
  const unsigned = pickCommand(signed)
  if (!hmacVerify(secret, SIGNATURE_DOMAINS.command, unsigned, signed.signature)) {
    return { ok: false, reason: 'bad-signature', message: 'signature does not match' }
  }
  if (signed.agentId !== options.agentId) {
    return { ok: false, reason: 'wrong-agent', message: `command is for agent "${signed.agentId}"` }
  }
  const now = options.now ?? Date.now()
  const skew = options.clockSkewMs ?? 30_000
  const issuedAt = Date.parse(signed.issuedAt)
  const expiresAt = Date.parse(signed.expiresAt)
  if (now > expiresAt + skew) return { ok: false, reason: 'expired', message: `command expired at ${signed.expiresAt}` }
  if (issuedAt > now + skew) return { ok: false, reason: 'expired', message: `command is issued in the future (${signed.issuedAt})` }
  if (!options.nonces.remember(signed.id, expiresAt + skew)) {
    return { ok: false, reason: 'replayed', message: `command ${signed.id} was already received` }
  }
  return { ok: true, command: unsigned }
}

function pickCommand<P>(c: AgentCommand<P>): AgentCommand<P> {
  return { id: c.id, agentId: c.agentId, type: c.type, payload: c.payload, issuedAt: c.issuedAt, expiresAt: c.expiresAt }
}

function checkShape(input: unknown, maxTtlMs: number): string | null {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return 'command must be an object'
  const c = input as Record<string, unknown>
  const extra = Object.keys(c).filter((k) => !FIELDS.includes(k))
  if (extra.length > 0) return `unexpected field(s): ${extra.join(', ')}`
  if (typeof c.id !== 'string' || !UUID.test(c.id)) return 'id must be a UUID'
  if (typeof c.agentId !== 'string' || c.agentId === '') return 'agentId must be a non-empty string'
  if (typeof c.type !== 'string' || c.type === '') return 'type must be a non-empty string'
  if (!('payload' in c) || c.payload === undefined) return 'payload is missing'
  if (typeof c.signature !== 'string') return 'signature is missing'
  const issuedAt = typeof c.issuedAt === 'string' ? Date.parse(c.issuedAt) : Number.NaN
  const expiresAt = typeof c.expiresAt === 'string' ? Date.parse(c.expiresAt) : Number.NaN
  if (Number.isNaN(issuedAt) || Number.isNaN(expiresAt)) return 'issuedAt and expiresAt must be ISO-8601 times'
  if (expiresAt <= issuedAt) return 'expiresAt must be after issuedAt'
  if (expiresAt - issuedAt > maxTtlMs) return `validity window exceeds ${maxTtlMs} ms`
  return null
}
