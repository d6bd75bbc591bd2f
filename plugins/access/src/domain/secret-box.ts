/**
 * Storage of agents' shared secrets. The wire protocol is symmetric (HMAC), so the kernel must be able to recover
 * each agent's secret: it cannot keep only a hash. When the kernel is configured with the secret
 * `access_agent_key` (`TESSERA_SECRET_ACCESS_AGENT_KEY`), secrets are sealed with AES-256-GCM under a key derived
 * from it (`v1:` rows); without it they are stored as they are (`plain:` rows) and the README says so. Either kind
 * is readable later, so the key can be introduced without re-registering agents.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import type { AccessContext } from './access-config.ts'

const SECRET_NAME = 'access_agent_key'

function keyOf(ctx: AccessContext): Buffer | undefined {
  const raw = ctx.secret(SECRET_NAME)
  return raw ? createHash('sha256').update(`tessera/access/agent-secret-box/v1\n${raw}`).digest() : undefined
}

/** A fresh agent secret: 32 random bytes, base64url. */
export function newAgentSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** Seals a secret for the `agents.secret_box` column. */
export function sealSecret(ctx: AccessContext, secret: string, agentId: string): string {
  const key = keyOf(ctx)
  if (!key) return `plain:${secret}`
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(agentId))
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return `v1:${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`
}

/** Opens a sealed secret; throws when the key is missing or wrong. */
export function openSecret(ctx: AccessContext, box: string, agentId: string): string {
  if (box.startsWith('plain:')) return box.slice(6)
  if (!box.startsWith('v1:')) throw new Error('unknown secret format')
  const key = keyOf(ctx)
  if (!key) throw new Error(`agent secret is sealed but the kernel secret "${SECRET_NAME}" is not configured`)
  const [iv, tag, body] = box.slice(3).split('.').map((p) => Buffer.from(p, 'base64url'))
  const decipher = createDecipheriv('aes-256-gcm', key, iv)
  decipher.setAAD(Buffer.from(agentId))
  decipher.setAuthTag(tag)
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
}
