/**
 * The wire types of the access routes, derived from the schemas in `access-schemas.ts` (a schema change changes the
 * handlers', the store's and the screens' types at once).
 */
import type { FromSchema } from '@tessera/sdk'
import type {
  agentSchema, registeredAgentSchema, doorSchema, createDoorBody, updateDoorBody, unlockBody, unlockResultSchema, eventSchema, eventQuery,
  scheduleSchema, groupSchema, createGroupBody, updateGroupBody, memberBody, credentialSchema, createCredentialBody, credentialQuery, syncResultSchema,
} from './access-schemas.ts'
import type { createPrinterBody, printJobQuery, printRequestBody, printerQuery, updatePrinterBody } from './printing-schemas.ts'

/** A site agent with its health (`GET /agents`). @public */
export type Agent = FromSchema<typeof agentSchema>
/** A newly registered agent with its one-time secret (`POST /agents`). @public */
export type RegisteredAgent = FromSchema<typeof registeredAgentSchema>
/** The answer of a manual grant push (`POST /agents/:id/sync`). @public */
export type SyncResult = FromSchema<typeof syncResultSchema>
/** A door with its live status (`GET /doors`, `GET /me/doors`). @public */
export type Door = FromSchema<typeof doorSchema>
/** A new door (`POST /doors`). @public */
export type DoorInput = FromSchema<typeof createDoorBody>
/** A door change (`PATCH /doors/:id`). @public */
export type DoorPatch = FromSchema<typeof updateDoorBody>
/** A remote unlock request (`POST /doors/:id/unlock`). @public */
export type UnlockInput = FromSchema<typeof unlockBody>
/** A successful remote unlock. @public */
export type UnlockResult = FromSchema<typeof unlockResultSchema>
/** A door event or access decision (`GET /events`). @public */
export type DoorEvent = FromSchema<typeof eventSchema>
/** The `GET /events` filter. @public */
export type DoorEventQuery = FromSchema<typeof eventQuery>
/** Weekly windows of a group (`null`: always). @public */
export type WeeklyScheduleWire = FromSchema<typeof scheduleSchema>
/** An access group (`GET /groups`). @public */
export type Group = FromSchema<typeof groupSchema>
/** A new group (`POST /groups`). @public */
export type GroupInput = FromSchema<typeof createGroupBody>
/** A group change (`PATCH /groups/:id`). @public */
export type GroupPatch = FromSchema<typeof updateGroupBody>
/** A member of a group: a person, an organisation or a membership plan. @public */
export type GroupMember = FromSchema<typeof memberBody>
/** A credential (`GET /credentials`). @public */
export type Credential = FromSchema<typeof credentialSchema>
/** A new credential (`POST /credentials`). @public */
export type CredentialInput = FromSchema<typeof createCredentialBody>
/** The `GET /credentials` filter. @public */
export type CredentialQuery = FromSchema<typeof credentialQuery>

/** A new printer (`POST /printers`). @public */
export type PrinterInput = FromSchema<typeof createPrinterBody>
/** A printer change (`PATCH /printers/:id`). @public */
export type PrinterPatch = FromSchema<typeof updatePrinterBody>
/** The `GET /printers` filter. @public */
export type PrinterQuery = FromSchema<typeof printerQuery>
/** A staff print request (`POST /print-jobs`). @public */
export type PrintRequestInput = FromSchema<typeof printRequestBody>
/** The `GET /print-jobs` filter. @public */
export type PrintJobQuery = FromSchema<typeof printJobQuery>
