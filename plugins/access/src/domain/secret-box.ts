/**
 * Storage of agents' shared secrets. The wire protocol is symmetric (HMAC), so the kernel must be able to recover
 * each agent's secret: it cannot keep only a hash. When the kernel is configured with the secret
 * `access_agent_key` (`TESSERA_SECRET_ACCESS_AGENT_KEY`), secrets are sealed in the SDK's secret box (AES-256-GCM,
 * bound to the agent: `v1:` rows); without it they are stored as they are (`plain:` rows) and the README says so.
 * Either kind is readable later, so the key can be introduced without re-registering agents.
 */
import { randomBytes } from 'node:crypto'
import { secretBox, type SecretBox } from '@tessera/sdk'
import type { AccessContext } from './access-config.ts'

const SECRET_NAME = 'access_agent_key'

function boxOf(ctx: AccessContext): SecretBox | undefined {
  const secret = ctx.secret(SECRET_NAME)
  return secret ? secretBox({ secret, purpose: 'tessera/access/agent-secret-box/v1' }) : undefined
}

/** A fresh agent secret: 32 random bytes, base64url. */
export function newAgentSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** Seals a secret for the `agents.secret_box` column. */
export function sealSecret(ctx: AccessContext, secret: string, agentId: string): string {
  return boxOf(ctx)?.seal(secret, agentId) ?? `plain:${secret}`
}

/** Opens a sealed secret; throws when the key is missing or wrong. */
export function openSecret(ctx: AccessContext, box: string, agentId: string): string {
  if (box.startsWith('plain:')) return box.slice(6)
  const sealer = boxOf(ctx)
  if (!sealer) throw new Error(`agent secret is sealed but the kernel secret "${SECRET_NAME}" is not configured`)
  return sealer.open(box, agentId)
}
