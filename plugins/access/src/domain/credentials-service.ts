/**
 * The `access.credentials` service (see the contract): other plugins read a person's door card numbers on the
 * caller's tenant transaction. PINs are never readable — only their per-agent hashes are stored.
 */
import type { AccessCredentials } from '../contract/index.ts'
import { activeCardNumbers } from './credential-store.ts'
import type { AccessContext } from './access-config.ts'

/** The implementation of `access.credentials` for the plugin's context. */
export function credentialsService(ctx: AccessContext): AccessCredentials {
  return {
    async cardNumber(personId) {
      return (await activeCardNumbers(ctx, personId)).at(-1)
    },
    cardNumbers: (personId) => activeCardNumbers(ctx, personId),
  }
}
