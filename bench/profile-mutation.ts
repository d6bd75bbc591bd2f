/**
 * Diagnostic for mutation-route: where a plugin POST's time goes. A listening kernel with the `benchwrites` plugin (the
 * mutation-route benchmark's `tessera` variant: session, permission, strict body, tenant transaction, idempotency key
 * claimed and its answer stored, the INSERT, an event enqueued, the audit row, COMMIT) under 10 keep-alive connections
 * of a separate load process, each request with a fresh `Idempotency-Key`, for `DURATION` s (default 8) after a 2 s
 * warm-up. `PROFILE=<dir>` writes a V8 CPU profile of the load phase. Prints the rate and the server CPU per request.
 *   PROFILE=/tmp/prof node bench/profile-mutation.ts && node bench/lib/cpuprofile-summary.ts /tmp/prof
 */
import { createTestKernel } from '@tessera/kernel/testing'
import { benchWrites } from './lib/fixtures.ts'
import { profiledLoad } from './lib/profiled-load.ts'
import { benchKernelConfig } from './lib/bench-config.ts'

const t = await createTestKernel({ plugins: [benchWrites], workers: false, captureEvents: false, config: benchKernelConfig({ poolSize: 10 }) })
try {
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'benchwrites')
  const { cookie } = await t.signIn({ tenantId: tenant.id, role: 'member' })
  const url = `${await t.kernel.listen()}/api/v1/benchwrites/notes`
  await profiledLoad('mutation', { url, method: 'POST', connections: 10, body: JSON.stringify({ text: 'a note' }), headers: { cookie, 'content-type': 'application/json' }, idempotencyKeys: true })
} finally {
  await t.close()
}
