/**
 * The events PaperCut publishes: a person's account failed to sync (with the kind of error), so a notifications
 * plugin or a dashboard can tell staff.
 */
import { defineEvent, uuid } from '@tessera/sdk'
import type { PayloadOf } from '@tessera/sdk'
import { ERROR_KINDS } from './papercut-schemas.ts'
import { papercutPermissions } from './papercut-permissions.ts'

/** A sync with PaperCut failed for a person; `dead` when retries are exhausted (a staff retry is needed). @public */
export const accountSyncFailed = defineEvent({
  name: 'papercut.account.sync-failed',
  description: 'A person\'s PaperCut sync failed ({ personId, kind, dead })',
  ui: { permission: papercutPermissions.manage },
  schema: {
    type: 'object', additionalProperties: false, required: ['personId', 'kind', 'dead'],
    properties: { personId: uuid, kind: { enum: ERROR_KINDS }, dead: { type: 'boolean' } },
  },
})
/** Payload of {@link accountSyncFailed}. @public */
export type AccountSyncFailed = PayloadOf<typeof accountSyncFailed>
