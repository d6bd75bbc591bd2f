/**
 * Agents' shared secrets (`agents.secret_box`): sealed in the SDK's secret box under `access_agent_key`, bound to the
 * agent; `plain:` without that kernel secret; a row sealed before the SDK had the box (literal) still opens; a sealed
 * row without the secret, or of another agent, is refused.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { newAgentSecret, openSecret, sealSecret } from '../src/domain/secret-box.ts'
import type { AccessContext } from '../src/domain/access-config.ts'

const agent = '0b7c1f52-2222-4a4a-8888-000000000002'
const withSecret = (secret: string | undefined) => ({ secret: (name: string) => (name === 'access_agent_key' ? secret : undefined) }) as unknown as AccessContext

test('with the kernel secret an agent secret is sealed for its agent and opens only for it', () => {
  const ctx = withSecret('access-kernel-secret')
  const secret = newAgentSecret()
  const box = sealSecret(ctx, secret, agent)
  assert.match(box, /^v1:/)
  assert.ok(!box.includes(secret))
  assert.equal(openSecret(ctx, box, agent), secret)
  assert.throws(() => openSecret(ctx, box, '0b7c1f52-2222-4a4a-8888-000000000003'))
  assert.throws(() => openSecret(withSecret(undefined), box, agent), /kernel secret "access_agent_key" is not configured/)
})

test('without the kernel secret it is stored as plain: and stays readable once the key is configured', () => {
  const box = sealSecret(withSecret(undefined), 'agent-shared-secret', agent)
  assert.equal(box, 'plain:agent-shared-secret')
  assert.equal(openSecret(withSecret('access-kernel-secret'), box, agent), 'agent-shared-secret')
})

test('an agent secret sealed by the plugin before the SDK had its box still opens', () => {
  const stored = 'v1:QJkfOiYhkDryZhTC.AjBmlygOCbshqpmtevoN8g.BDMiIu4WXerFkFBfqWivpFd3kA'
  assert.equal(openSecret(withSecret('access-kernel-secret'), stored, agent), 'agent-shared-secret')
})
