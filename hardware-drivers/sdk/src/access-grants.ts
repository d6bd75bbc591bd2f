/**
 * Signed access grant sets: the list of credentials allowed through which doors, and when, that the kernel pushes
 * to a site agent so doors keep working while the link is down. A set carries a monotonically increasing
 * `version`; the agent replaces its cache only with a higher version, so a revocation (a newer set without the
 * grant) cannot be undone by replaying an older set. The set is signed like commands (HMAC-SHA256 over canonical
 * JSON, domain `tessera/access-grant-set/v1`) and re-verified whenever the agent loads it from disk.
 * {@link matchGrant} is the one decision rule, shared by the agent and anyone who wants to explain a decision.
 */
import { hmacSign, hmacVerify, SIGNATURE_DOMAINS } from './hmac-signature.ts'
import type { HmacSecret } from './hmac-signature.ts'
import type { CredentialType } from './credential-hash.ts'

/** One credential allowed through some doors during a time window. */
export interface AccessGrant {
  credentialType: CredentialType
  /** `hashCredential(siteKey, credentialType, value)`. */
  credentialHash: string
  /** Doors (site agent device ids) the credential opens. */
  doorIds: string[]
  /** ISO-8601 start of validity (inclusive). */
  validFrom: string
  /** ISO-8601 end of validity (exclusive). */
  validUntil: string
  /** The kernel's person id, reported with access decisions. */
  personId: string
}

/** A complete grant list for one agent; it replaces, never amends, the previous one. */
export interface AccessGrantSet {
  /** Positive integer, strictly increasing per agent. */
  version: number
  /** ISO-8601 time the kernel built the set. */
  issuedAt: string
  grants: AccessGrant[]
}

/** A grant set with its base64url HMAC-SHA256 `signature`. */
export interface SignedAccessGrantSet extends AccessGrantSet {
  signature: string
}

/** Result of {@link verifyGrantSet}. */
export type GrantSetVerification =
  | { ok: true; grantSet: SignedAccessGrantSet }
  | { ok: false; reason: 'bad-signature' | 'malformed'; message: string }

/** Result of {@link matchGrant}. */
export type GrantMatch =
  | { granted: true; grant: AccessGrant }
  | {
      granted: false
      reason: 'unknown-credential' | 'wrong-door' | 'not-yet-valid' | 'expired'
      /** The person the credential belongs to when it was recognised (wrong door or outside its window), else `null`. */
      personId: string | null
    }

/**
 * Sign a grant set.
 *
 * @param secret - the agent's shared secret
 * @param grantSet - the set (extra fields are dropped)
 * @returns the set with `signature`
 */
export function signGrantSet(secret: HmacSecret, grantSet: AccessGrantSet): SignedAccessGrantSet {
  const unsigned = pickSet(grantSet)
  return { ...unsigned, signature: hmacSign(secret, SIGNATURE_DOMAINS.grantSet, unsigned) }
}

/**
 * Verify a received or loaded grant set.
 *
 * @param secret - the agent's shared secret
 * @param input - untrusted value
 * @returns the verified set, or why it was refused
 */
export function verifyGrantSet(secret: HmacSecret, input: unknown): GrantSetVerification {
  const malformed = checkShape(input)
  if (malformed) return { ok: false, reason: 'malformed', message: malformed }
  const signed = input as SignedAccessGrantSet
  if (!hmacVerify(secret, SIGNATURE_DOMAINS.grantSet, pickSet(signed), signed.signature)) {
    return { ok: false, reason: 'bad-signature', message: 'grant set signature does not match' }
  }
  return { ok: true, grantSet: { ...pickSet(signed), signature: signed.signature } }
}

/**
 * Decide whether a hashed credential opens a door at a time. When several grants carry the credential, any one
 * that matches door and window grants access; otherwise the most specific refusal is reported.
 *
 * @param grantSet - the verified set
 * @param query - door id, credential type and hash, and the time (epoch ms)
 * @returns the matching grant, or why there is none
 */
export function matchGrant(
  grantSet: AccessGrantSet,
  query: { doorId: string; credentialType: CredentialType; credentialHash: string; at: number },
): GrantMatch {
  const candidates = grantSet.grants.filter(
    (g) => g.credentialType === query.credentialType && g.credentialHash === query.credentialHash,
  )
  if (candidates.length === 0) return { granted: false, reason: 'unknown-credential', personId: null }
  const forDoor = candidates.filter((g) => g.doorIds.includes(query.doorId))
  if (forDoor.length === 0) return { granted: false, reason: 'wrong-door', personId: candidates[0].personId }
  const valid = forDoor.find((g) => Date.parse(g.validFrom) <= query.at && query.at < Date.parse(g.validUntil))
  if (valid) return { granted: true, grant: valid }
  const reason = forDoor.some((g) => Date.parse(g.validFrom) > query.at) ? 'not-yet-valid' : 'expired'
  return { granted: false, reason, personId: forDoor[0].personId }
}

function pickSet(s: AccessGrantSet): AccessGrantSet {
  return {
    version: s.version,
    issuedAt: s.issuedAt,
    grants: s.grants.map((g) => ({
      credentialType: g.credentialType,
      credentialHash: g.credentialHash,
      doorIds: [...g.doorIds],
      validFrom: g.validFrom,
      validUntil: g.validUntil,
      personId: g.personId,
    })),
  }
}

function checkShape(input: unknown): string | null {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return 'grant set must be an object'
  const s = input as Record<string, unknown>
  if (!Number.isSafeInteger(s.version) || (s.version as number) < 1) return 'version must be a positive integer'
  if (typeof s.issuedAt !== 'string' || Number.isNaN(Date.parse(s.issuedAt))) return 'issuedAt must be an ISO-8601 time'
  if (typeof s.signature !== 'string') return 'signature is missing'
  if (!Array.isArray(s.grants)) return 'grants must be an array'
  for (const [i, raw] of s.grants.entries()) {
    const g = raw as Record<string, unknown> | null
    if (!g || typeof g !== 'object') return `grants[${i}] must be an object`
    if (g.credentialType !== 'pin' && g.credentialType !== 'card') return `grants[${i}].credentialType must be pin or card`
    if (typeof g.credentialHash !== 'string' || g.credentialHash === '') return `grants[${i}].credentialHash is missing`
    if (!Array.isArray(g.doorIds) || !g.doorIds.every((d) => typeof d === 'string')) return `grants[${i}].doorIds must be strings`
    if (typeof g.validFrom !== 'string' || Number.isNaN(Date.parse(g.validFrom))) return `grants[${i}].validFrom must be a time`
    if (typeof g.validUntil !== 'string' || Number.isNaN(Date.parse(g.validUntil))) return `grants[${i}].validUntil must be a time`
    if (typeof g.personId !== 'string' || g.personId === '') return `grants[${i}].personId is missing`
  }
  return null
}
