/**
 * The plugin contract: everything a plugin package declares in its default export. The kernel validates it with ajv
 * at load time (see the kernel's manifest schema) and fails only this plugin, with a reason, if it is wrong.
 */
import type { FastifyInstance } from 'fastify'
import type { Migration } from './migration.ts'
import type { PermissionDeclaration } from './roles.ts'
import type { PluginContext, Logger, AcceptedInvitation } from './plugin-context.ts'
import type { MigrationDb } from './db.ts'

/** A JSON Schema document (draft-07 / 2019-09 subset that ajv understands). @public */
export type JsonSchema = Record<string, unknown>

/** A job the plugin runs on pg-boss; the queue is `<plugin>.<job>`. @public */
export interface JobDefinition<Config = Record<string, unknown>> {
  /** Runs inside the job's tenant transaction, only while the tenant has the plugin enabled. Throw to retry. */
  handler(job: JobInput, ctx: PluginContext<Config>): Promise<void>
  /** Cron expression: the kernel schedules it once per tenant that enables the plugin. */
  cron?: string
  /** IANA timezone of the cron expression (default UTC). */
  tz?: string
  /** Attempts after the first failure before the job is dead-lettered (default from kernel config). */
  retryLimit?: number
  retryDelaySeconds?: number
  retryBackoff?: boolean
  expireInSeconds?: number
}

/** A job as its handler receives it. @public */
export interface JobInput {
  id: string
  /** `<plugin>.<job>` */
  name: string
  tenantId: string
  data: Record<string, unknown>
}

/** An event the plugin publishes. @public */
export interface EventDeclaration {
  description?: string
  /** Pushed to the tenant's realtime sockets; with a permission, only to sockets whose user holds it. */
  ui?: boolean | { permission: string }
}

/** An event as a subscriber receives it. @public */
export interface DeliveredEvent {
  id: string
  name: string
  tenantId: string
  payload: Record<string, unknown>
  publishedAt: string
}

/** A subscriber: runs in the event's tenant transaction; throwing makes it retry (then dead-letter). @public */
export type EventHandler<Config = Record<string, unknown>> = (event: DeliveredEvent, ctx: PluginContext<Config>) => Promise<void>

/** A navigation entry of the composed UI. @public */
export interface NavItem {
  label: string
  /** App path, e.g. `/bookings`. */
  path: string
  icon?: string
  order?: number
  /** Shown only to users holding this permission. */
  permission?: string
}

/** A UI route: an app path rendered by a custom element (tag prefixed with the plugin id). @public */
export interface UiRoute {
  path: string
  tag: string
  permission?: string
}

/** The plugin's web UI. @public */
export interface UiDefinition {
  /** Module entry relative to the package root (default `ui/index.ts`); built to `dist/ui/index.js`. */
  entry?: string
  nav?: NavItem[]
  routes: UiRoute[]
}

/** A hardware driver the plugin provides to site agents. @public */
export interface DriverDeclaration {
  kind: 'lock' | 'printer' | (string & {})
  id: string
  description?: string
}

/** What install/upgrade hooks receive: the migration connection (plugin schema on the search_path). @public */
export interface InstallContext {
  db: MigrationDb
  log: Logger
}

/** A plugin's declaration. @public */
export interface PluginDefinition<Config = Record<string, unknown>> {
  /** `[a-z][a-z0-9-]*`; also the Postgres schema name (dashes become underscores) and the route prefix. */
  id: string
  /** Semver; take it from package.json. */
  version: string
  /** Semver range of the plugin API (`SDK_VERSION`) this plugin targets, e.g. `^1.0.0`. */
  kernel: string
  name?: string
  description?: string
  /** Plugins this one needs, with semver ranges, e.g. `{ members: '^1.0.0' }`. */
  dependsOn?: Record<string, string>
  /** JSON Schema of the per-tenant configuration; validated with ajv when a tenant enables the plugin. */
  configSchema?: JsonSchema
  /** Permissions this plugin declares, by name (prefix them with the plugin id). */
  permissions?: Record<string, PermissionDeclaration>
  /** Services other plugins may use (only those that declare this one in `dependsOn`). */
  services?: Record<string, (ctx: PluginContext<Config>) => unknown>
  migrations?: Migration[]
  /** Registers routes on an encapsulated Fastify instance mounted at `/api/v1/<id>`. */
  routes?: (app: FastifyInstance, ctx: PluginContext<Config>) => void | Promise<void>
  jobs?: Record<string, JobDefinition<Config>>
  events?: Record<string, EventDeclaration>
  /** Handlers for other plugins' events, by event name. */
  subscribes?: Record<string, EventHandler<Config>>
  ui?: UiDefinition
  drivers?: DriverDeclaration[]
  /** After the first install's migrations, in the same transaction. */
  onInstall?(ctx: InstallContext): Promise<void>
  /** After an upgrade's new migrations, in the same transaction. */
  onUpgrade?(ctx: InstallContext, from: string, to: string): Promise<void>
  /** When a tenant enables the plugin, in that tenant's transaction (seed data here). */
  onEnable?(ctx: PluginContext<Config>): Promise<void>
  /** When a tenant disables the plugin, in that tenant's transaction. Data is kept. */
  onDisable?(ctx: PluginContext<Config>): Promise<void>
  /** Imports sample or migrated data from a tenant manifest, in the tenant's transaction. */
  seed?(ctx: PluginContext<Config>, data: unknown): Promise<void>
  /**
   * A user accepted a pending invitation this plugin issued (`ctx.identity.invite`), in the tenant's transaction with
   * that user as actor; link your records to `accepted.user` here.
   */
  onInvitationAccepted?(ctx: PluginContext<Config>, accepted: AcceptedInvitation): Promise<void>
}
