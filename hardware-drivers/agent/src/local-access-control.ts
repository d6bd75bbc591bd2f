/**
 * Local access decisions: what a keypad or card reader at a door calls. The decision is always taken at the site,
 * from the cached signed grant set, so it works identically with the kernel link up or down: the credential is
 * hashed with the site credential key, matched against the grants for that door and time window, and on a match
 * the door's lock is unlocked. Every decision, granted or denied, is recorded as an access event for the kernel.
 * Repeated failures at one door lock its reader out for a while, because a 4–6 digit PIN space is small enough to
 * walk at a keypad.
 */
import { randomUUID } from 'node:crypto'
import { hashCredential, matchGrant } from '@tessera/driver-sdk'
import type { AccessAgentEvent, AccessDecisionReason, CredentialType, HmacSecret, UnlockResult } from '@tessera/driver-sdk'
import type { AgentLogger } from './agent-logger.ts'
import type { DeviceSet } from './device-set.ts'
import type { GrantStore } from './grant-store.ts'

/** What a door reader presents. */
export interface CredentialCheckRequest {
  /** The door (agent device id) the reader belongs to. */
  deviceId: string
  type: CredentialType
  /** The PIN as typed or the card number as read. */
  value: string
}

/** The outcome of a credential check. */
export interface AccessDecision {
  /** Whether the door was unlocked. */
  granted: boolean
  reason: AccessDecisionReason
  /** The grant's person when the credential was recognised, else `null`. */
  personId: string | null
  /** Id of the access event recorded for the kernel. */
  eventId: string
  /** The unlock outcome when a grant matched. */
  unlock: UnlockResult | null
}

/** Reader lockout after repeated failures. */
export interface LockoutOptions {
  /** Failures at one door within `windowMs` that trigger a lockout (default 10). */
  maxFailures?: number
  /** Window and lockout length (ms, default 60 000). */
  windowMs?: number
}

/** Decides and executes local credential checks. */
export class LocalAccessControl {
  readonly #options: {
    agentId: string
    grants: GrantStore
    devices: DeviceSet
    credentialKey: HmacSecret
    record: (event: AccessAgentEvent) => Promise<void>
    logger: AgentLogger
    now: () => number
  }
  readonly #maxFailures: number
  readonly #windowMs: number
  readonly #failures = new Map<string, number[]>()

  /** @param options - grants, devices, hashing key, event sink, logger, clock and lockout */
  constructor(options: {
    agentId: string
    grants: GrantStore
    devices: DeviceSet
    credentialKey: HmacSecret
    record: (event: AccessAgentEvent) => Promise<void>
    logger: AgentLogger
    now: () => number
    lockout?: LockoutOptions
  }) {
    this.#options = options
    this.#maxFailures = options.lockout?.maxFailures ?? 10
    this.#windowMs = options.lockout?.windowMs ?? 60_000
  }

  /**
   * Check a credential at a door and unlock it if a grant allows.
   *
   * @param request - door, credential type and value
   * @returns the decision (also recorded as an access event)
   */
  async check(request: CredentialCheckRequest): Promise<AccessDecision> {
    const o = this.#options
    const now = o.now()
    const eventId = randomUUID()
    const grantSet = o.grants.current
    const lock = o.devices.get(request.deviceId)?.driver ?? null
    let reason: AccessDecisionReason
    let personId: string | null = null
    let unlock: UnlockResult | null = null

    if (this.#lockedOut(request.deviceId, now)) reason = 'rate-limited'
    else if (!lock) reason = 'unknown-door'
    else if (request.type !== 'pin' && request.type !== 'card') reason = 'unknown-credential'
    else if (!grantSet) reason = 'no-grants'
    else {
      const match = matchGrant(grantSet, {
        doorId: request.deviceId,
        credentialType: request.type,
        credentialHash: hashCredential(o.credentialKey, request.type, String(request.value)),
        at: now,
      })
      if (!match.granted) {
        reason = match.reason
        personId = match.personId
      } else {
        personId = match.grant.personId
        unlock = await lock.unlock({
          durationMs: o.devices.get(request.deviceId)?.config.unlockDurationMs ?? 5000,
          requestId: `access-${eventId}`,
          actor: { kind: 'person', id: personId, via: request.type },
        })
        reason = unlock.ok ? 'granted' : 'unlock-failed'
      }
    }

    const granted = reason === 'granted'
    if (!granted && reason !== 'rate-limited' && reason !== 'unlock-failed') this.#recordFailure(request.deviceId, now)
    const event: AccessAgentEvent = {
      id: eventId,
      agentId: o.agentId,
      deviceId: request.deviceId,
      occurredAt: new Date(now).toISOString(),
      category: 'access',
      decision: granted ? 'granted' : 'denied',
      reason,
      credentialType: request.type,
      personId,
      grantsVersion: grantSet?.version ?? null,
    }
    await o.record(event)
    o.logger.info('access decision', { deviceId: request.deviceId, decision: event.decision, reason, personId })
    return { granted, reason, personId, eventId, unlock }
  }

  #lockedOut(deviceId: string, now: number): boolean {
    const recent = (this.#failures.get(deviceId) ?? []).filter((t) => now - t < this.#windowMs)
    this.#failures.set(deviceId, recent)
    return recent.length >= this.#maxFailures
  }

  #recordFailure(deviceId: string, now: number): void {
    const list = this.#failures.get(deviceId) ?? []
    list.push(now)
    this.#failures.set(deviceId, list)
  }
}
