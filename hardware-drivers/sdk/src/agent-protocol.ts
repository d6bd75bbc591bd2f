/**
 * The kernel ⇄ site-agent wire protocol, as types plus the handshake proofs, so both ends compile against one
 * definition (the site agent in `@tessera/site-agent`, the kernel's access plugin on the other side). Messages are
 * JSON objects with a `type`, one per WebSocket text frame. The agent connects out; the kernel sends a
 * `challenge`, the agent answers `hello` with an HMAC proof over the challenge, the kernel answers `welcome` with
 * its own proof over the agent's counter-challenge, and only then do commands, events, acks and heartbeats flow.
 * The full description, with examples, is in hardware-drivers/agent/README.md.
 */
import { hmacSign, hmacVerify, SIGNATURE_DOMAINS } from './hmac-signature.ts'
import type { HmacSecret } from './hmac-signature.ts'
import type { CommandRejectionReason, SignedAgentCommand } from './command-signing.ts'
import type { Actor, DriverFailureReason, LockEventKind, LockStatus, UnlockResult } from './lock-driver.ts'
import type { PrintContentType, PrinterCapabilities, PrinterState, PrinterStatus, PrintJobState, PrintResult } from './printer-driver.ts'
import type { DriverCapabilities } from './capabilities.ts'
import type { CredentialType } from './credential-hash.ts'
import type { SignedAccessGrantSet } from './access-grants.ts'

/** Version of the protocol described here; sent in `challenge` and `hello`. */
export const AGENT_PROTOCOL_VERSION = 1

/** WebSocket close codes used by the protocol. */
export const AGENT_CLOSE_CODES = Object.freeze({
  /** Handshake failed: unknown agent, bad proof, wrong challenge, or a message before the handshake completed. */
  authenticationFailed: 4401,
  /** The peer speaks another protocol version. */
  unsupportedProtocol: 4400,
  /** A second connection for the same agent replaced this one. */
  replaced: 4409,
})

/** kernel → agent, first message on a connection. */
export interface ChallengeMessage {
  type: 'challenge'
  protocol: number
  /** At least 16 random bytes, base64url; single use. */
  challenge: string
  /** ISO-8601 kernel time, informational (lets the agent log clock skew). */
  serverTime: string
}

/** One device as announced in `hello`. */
export interface DeviceAnnouncement {
  deviceId: string
  /** Driver id, e.g. `modbus`. */
  driver: string
  kind: 'lock' | 'printer'
  /** A lock's capabilities; `null` for printers and for devices that failed to start. */
  capabilities: DriverCapabilities | null
  /** A printer's capabilities (formats, cancel, connectivity); absent for locks. */
  printerCapabilities?: PrinterCapabilities | null
}

/** agent → kernel, answer to `challenge`. */
export interface HelloMessage {
  type: 'hello'
  protocol: number
  agentId: string
  /** The kernel's challenge, echoed. */
  challenge: string
  /** 16+ random bytes, base64url: the kernel proves knowledge of the secret over this in `welcome`. */
  agentChallenge: string
  /** ISO-8601 agent time. */
  sentAt: string
  /** `hmac(secret, 'tessera/agent-hello/v1', { agentId, challenge, agentChallenge, sentAt })`. */
  proof: string
  /** Agent software name/version, informational. */
  software: string
  devices: DeviceAnnouncement[]
  /** Version of the grant set in the agent's cache, or `null` when it has none (the kernel should push one). */
  grantsVersion: number | null
}

/** kernel → agent, handshake accepted. */
export interface WelcomeMessage {
  type: 'welcome'
  agentId: string
  /** `hmac(secret, 'tessera/agent-welcome/v1', { agentId, challenge, agentChallenge })`. */
  proof: string
}

/** kernel → agent: a signed command (see `command-signing.ts`). */
export interface CommandMessage {
  type: 'command'
  command: SignedAgentCommand
}

/** kernel → agent: these event ids are stored; the agent deletes them from its queue. */
export interface AckMessage {
  type: 'ack'
  eventIds: string[]
}

/** Error codes of a verified command that could not be carried out. */
export type CommandErrorCode =
  | DriverFailureReason
  | 'unknown-type'
  | 'unknown-device'
  | 'invalid-payload'
  | 'stale-version'
  | 'bad-signature'
  | 'unknown-job'
  | 'not-cancellable'
  | 'internal'

/** agent → kernel: outcome of a verified command. */
export type CommandResultMessage =
  | { type: 'command-result'; commandId: string; commandType: string; ok: true; result: unknown }
  | { type: 'command-result'; commandId: string; commandType: string; ok: false; error: { code: CommandErrorCode; message: string } }

/** agent → kernel: a command failed verification and was not executed. */
export interface CommandRejectedMessage {
  type: 'command-rejected'
  /** The command's `id` when it could be read, else `null`. */
  commandId: string | null
  reason: CommandRejectionReason
  message: string
}

/** Fields every forwarded event has. */
export interface AgentEventBase {
  /** Random UUID; the kernel deduplicates by it. */
  id: string
  agentId: string
  deviceId: string
  /** ISO-8601 time it happened at the site. */
  occurredAt: string
}

/** A lock driver event, forwarded. */
export interface LockAgentEvent extends AgentEventBase {
  category: 'lock'
  kind: LockEventKind
  requestId?: string
  actor?: Actor
  detail?: string
}

/** Why a door credential was refused (or `granted`). */
export type AccessDecisionReason =
  | 'granted'
  | 'unknown-credential'
  | 'wrong-door'
  | 'not-yet-valid'
  | 'expired'
  | 'no-grants'
  | 'unknown-door'
  | 'unlock-failed'
  | 'rate-limited'

/** A local access decision (keypad or card reader at the door), forwarded. */
export interface AccessAgentEvent extends AgentEventBase {
  category: 'access'
  decision: 'granted' | 'denied'
  reason: AccessDecisionReason
  credentialType: CredentialType
  /** The grant's person when the credential was recognised, else `null`. */
  personId: string | null
  /** Version of the grant set that decided. */
  grantsVersion: number | null
}

/** Anything the agent forwards in an `event` message (door and access events). */
export type AgentEvent = LockAgentEvent | AccessAgentEvent

/**
 * A printer driver event: a job changed state (`kind: 'job'`), or the printer did (`kind: 'printer'`). Sent in its
 * own `printer-event` message (a kernel that does not print ignores it; the agent keeps it queued until acked).
 */
export type PrinterAgentEvent = AgentEventBase & { category: 'printer' } & (
    | { kind: 'job'; requestId: string; jobId: string; state: PrintJobState; changedAt: string; pagesPrinted?: number; message?: string; actor?: Actor }
    | { kind: 'printer'; state: PrinterState; reasons: string[]; message?: string }
  )

/** agent → kernel: one printer event; acked by id with the same `ack` message as door events. */
export interface PrinterEventMessage {
  type: 'printer-event'
  event: PrinterAgentEvent
}

/** agent → kernel: one event; the kernel answers with `ack` once it is stored. */
export interface EventMessage {
  type: 'event'
  event: AgentEvent
}

/** Health of one device, in heartbeats and `status` results. */
export interface DeviceHealth {
  deviceId: string
  driver: string
  status: LockStatus | null
  /** Why `status` is null (driver failed to start or threw). */
  error?: string
}

/** What the `status` command returns and heartbeats carry. */
export interface AgentStatusReport {
  agentId: string
  /** Milliseconds since the agent started. */
  uptimeMs: number
  /** Events waiting for an ack. */
  queuedEvents: number
  grantsVersion: number | null
  /** The locks. */
  devices: DeviceHealth[]
  /** The printers (absent when the agent drives none). */
  printers?: PrinterHealth[]
}

/** Health of one printer, in heartbeats and `status` results. */
export interface PrinterHealth {
  deviceId: string
  driver: string
  status: PrinterStatus | null
  /** Why `status` is null (driver failed to start or threw). */
  error?: string
}

/** agent → kernel, periodically. */
export interface HeartbeatMessage extends AgentStatusReport {
  type: 'heartbeat'
  sentAt: string
}

/** Messages the kernel sends. */
export type KernelToAgentMessage = ChallengeMessage | WelcomeMessage | CommandMessage | AckMessage

/** Messages the agent sends. */
export type AgentToKernelMessage =
  | HelloMessage
  | CommandResultMessage
  | CommandRejectedMessage
  | EventMessage
  | PrinterEventMessage
  | HeartbeatMessage

/** Payload of the `unlock` command. */
export interface UnlockCommandPayload {
  deviceId: string
  durationMs: number
  requestId: string
  actor: Actor
}

/** Payload of the `lock` command. */
export interface LockCommandPayload {
  deviceId: string
}

/** Payload of the `grants.replace` command. */
export interface GrantsReplaceCommandPayload {
  grantSet: SignedAccessGrantSet
}

/** Payload of the `print` command; executed once per (`deviceId`, `requestId`), even across agent restarts. */
export interface PrintCommandPayload {
  deviceId: string
  requestId: string
  actor: Actor
  contentType: PrintContentType
  /** The document, base64 (at most `PRINT_DOCUMENT_MAX_BYTES` decoded). */
  documentBase64: string
  title?: string
  copies?: number
}

/** Payload of the `print.cancel` command. */
export interface CancelPrintCommandPayload {
  deviceId: string
  requestId: string
}

/** Result of a successful `print` command (`duplicate: true` when the request id had been printed before). */
export type PrintCommandResult = Extract<PrintResult, { ok: true }> & { duplicate: boolean }

/** Result of a successful `unlock` command. */
export type UnlockCommandResult = Extract<UnlockResult, { ok: true }>

/**
 * Compute the agent's proof for `hello`.
 *
 * @param secret - the agent's shared secret
 * @param fields - agent id, the kernel's challenge, the agent's counter-challenge and `sentAt`
 * @returns base64url HMAC
 */
export function helloProof(
  secret: HmacSecret,
  fields: { agentId: string; challenge: string; agentChallenge: string; sentAt: string },
): string {
  const { agentId, challenge, agentChallenge, sentAt } = fields
  return hmacSign(secret, SIGNATURE_DOMAINS.hello, { agentId, challenge, agentChallenge, sentAt })
}

/**
 * Check a `hello` (kernel side). The caller must also check that `hello.challenge` is the challenge it sent on
 * this connection (and use each challenge once).
 *
 * @param secret - the secret registered for `hello.agentId`
 * @param hello - the received message
 * @returns whether the proof is valid
 */
export function verifyHelloProof(secret: HmacSecret, hello: HelloMessage): boolean {
  return hmacVerify(secret, SIGNATURE_DOMAINS.hello, {
    agentId: hello.agentId,
    challenge: hello.challenge,
    agentChallenge: hello.agentChallenge,
    sentAt: hello.sentAt,
  }, hello.proof)
}

/**
 * Compute the kernel's proof for `welcome`.
 *
 * @param secret - the agent's shared secret
 * @param fields - agent id, the kernel's challenge and the agent's counter-challenge
 * @returns base64url HMAC
 */
export function welcomeProof(secret: HmacSecret, fields: { agentId: string; challenge: string; agentChallenge: string }): string {
  const { agentId, challenge, agentChallenge } = fields
  return hmacSign(secret, SIGNATURE_DOMAINS.welcome, { agentId, challenge, agentChallenge })
}

/**
 * Check a `welcome` (agent side).
 *
 * @param secret - the agent's shared secret
 * @param fields - as for {@link welcomeProof}
 * @param proof - the received proof
 * @returns whether the kernel knows the secret
 */
export function verifyWelcomeProof(
  secret: HmacSecret,
  fields: { agentId: string; challenge: string; agentChallenge: string },
  proof: unknown,
): boolean {
  const { agentId, challenge, agentChallenge } = fields
  return hmacVerify(secret, SIGNATURE_DOMAINS.welcome, { agentId, challenge, agentChallenge }, proof)
}
