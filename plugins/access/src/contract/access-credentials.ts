/**
 * The `access.credentials` service: read access to people's door cards for other plugins (PaperCut uses a member's
 * card number as their print-release card). PINs are never readable: they are stored only as per-agent hashes.
 */
import { defineServiceRef } from '@tessera/sdk'

/** Card numbers of the current tenant's people. @public */
export interface AccessCredentials {
  /** The person's newest active card number (normalised: upper-case hex), or undefined when they have none. */
  cardNumber(personId: string): Promise<string | undefined>
  /** All the person's active card numbers, oldest first. */
  cardNumbers(personId: string): Promise<string[]>
}

/** Ref of {@link AccessCredentials}, provided by `access` ^1. @public */
export const accessCredentials = defineServiceRef<AccessCredentials>({ plugin: 'access', id: 'credentials', version: '^1.0.0' })
