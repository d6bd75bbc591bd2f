/**
 * `@tessera/sdk`: the stable, typed API that Tessera plugins build against.
 *
 * @packageDocumentation
 */
import './fastify-route-config.ts'
export { definePlugin } from './define-plugin.ts'
export { SDK_VERSION } from './sdk-version.ts'
export { TENANT_ROLES } from './roles.ts'
export type { TenantRole, PermissionDeclaration } from './roles.ts'
export { ProblemError, problem } from './problem-error.ts'
export type { FieldError, ProblemOptions } from './problem-error.ts'
export { toCsv } from './csv.ts'
export type { CsvColumn } from './csv.ts'
export { secretBox, SecretBoxError } from './secret-box.ts'
export type { SecretBox, SecretBoxOptions, SecretBoxFailure } from './secret-box.ts'
export { reportQueryProperties, assertReportRange, reportAnswer, MAX_REPORT_DAYS } from './report-range.ts'
export type { CsvReply } from './report-range.ts'
export type { Db, MigrationDb, QueryResult, Row } from './db.ts'
export type { Migration } from './migration.ts'
export type {
  PluginContext, TenantInfo, Actor, Logger, EventBus, JobQueue, SendJobOptions, AuditLog, AuditEntry,
  ServiceRegistry, ExtensionRegistry, Identity, IdentityQuery, IdentityUser, IdentityInvitation, AcceptedInvitation,
} from './plugin-context.ts'
export type {
  PluginDefinition, JsonSchema, JobDefinition, JobInput, EventDeclaration, DeliveredEvent, EventHandler,
  NavItem, UiRoute, UiWidget, UiReport, UiDefinition, DriverDeclaration, InstallContext, PluginCspSources,
} from './plugin-definition.ts'
export type { IdentityMessage, IdentityMessageKind } from './identity-message.ts'
export { SEARCH_MAX_QUERY, SEARCH_MAX_LIMIT } from './search-provider.ts'
export type { SearchProvider, SearchQuery, SearchResult, SearchKind } from './search-provider.ts'
export { defineServiceRef, provide, isServiceRef } from './service-ref.ts'
export type { ServiceRef, ServiceRefSpec, ServiceProvision } from './service-ref.ts'
export { defineEvent, on, isEventContract } from './event-contract.ts'
export type { EventContract, EventSubscription, EventUi, TypedEvent, PayloadOf } from './event-contract.ts'
export { defineExtensionPoint, extend } from './extension-point.ts'
export type { ExtensionPoint, ExtensionRegistration, Extension } from './extension-point.ts'
export type { PluginApp, ConfigOf, JsonSchemaToTsProvider, FromSchema, JSONSchema } from './typed-routes.ts'
export {
  uuid, timestamp, date, timezone, nullableString, nullableText, nullableTimestamp, idParams, pageQueryProperties, pageOf, emptyBody, MAX_OFFSET,
} from './json-schemas.ts'
export { jsonFormats, isIanaTimezone, isBoundedDate, isBoundedDateTime, YEAR_RANGE } from './json-formats.ts'
export type { StringFormat } from './json-formats.ts'
