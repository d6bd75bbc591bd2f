/**
 * `@tessera/plugin-access/contract`: what other plugins and the access screens may use — the `access.*` event
 * contracts, the `access.credentials` service (people's card numbers, for PaperCut), the `access.printing` service
 * (print at a site by purpose and location: receipts, vouchers, badges), the permission names, and the route schemas
 * with their wire types. Imports nothing but `@tessera/sdk`.
 */
export { doorStatusChanged, doorEventLogged, agentStatusChanged, grantsChanged } from './access-events.ts'
export type { DoorStatusChange, DoorEventLogged, AgentStatusChange, GrantsChange } from './access-events.ts'
export { accessCredentials } from './access-credentials.ts'
export type { AccessCredentials } from './access-credentials.ts'
export { accessPermissions } from './access-permissions.ts'
export type { AccessPermission } from './access-permissions.ts'
export * from './access-schemas.ts'
export type * from './access-wire-types.ts'
export * from './alert-schemas.ts'
export { accessPrinting } from './printing-service.ts'
export type { PrintingService, PrintRequest, PrinterChoice, PrintDocument, PrintJob, Printer } from './printing-service.ts'
export { printJobUpdated, printerStatusChanged, printJobsPending } from './printing-events.ts'
export type { PrintJobUpdate, PrinterStatusChange, PrintJobsPending } from './printing-events.ts'
export * from './printing-schemas.ts'
