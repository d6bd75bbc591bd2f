/**
 * The plugin contract: everything a plugin package declares in its default export. The kernel validates it with ajv
 * at load time (see the kernel's manifest schema) and fails only this plugin, with a reason, if it is wrong.
 */
import type { Migration } from './migration.ts'
import type { PermissionDeclaration } from './roles.ts'
import type { PluginContext, Logger, AcceptedInvitation } from './plugin-context.ts'
import type { MigrationDb } from './db.ts'
import type { ServiceRef, ServiceProvision } from './service-ref.ts'
import type { EventContract, EventSubscription } from './event-contract.ts'
import type { ExtensionPoint, ExtensionRegistration } from './extension-point.ts'
import type { PluginApp } from './typed-routes.ts'
import type { IdentityMessage } from './identity-message.ts'
import type { SearchProvider } from './search-provider.ts'

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

/**
 * An event the plugin publishes, in the record form of `events` (keyed by name).
 * @deprecated Declare events with `defineEvent` (schema and payload type in one) and list them in `events: [...]`.
 */
export interface EventDeclaration {
  description?: string
  /** JSON Schema of the payload; when present, `publish` validates against it. Without one the kernel warns at boot. */
  schema?: JsonSchema
  /**
   * Pushed to the tenant's realtime sockets; with a `permission`, only to sockets whose user holds it; with `fields`,
   * only those payload keys reach the browser (the UI projection) while subscribers receive the whole payload; with
   * `userField`, the user whose id is in that payload field receives it too (see `EventUi`).
   */
  ui?: boolean | { permission?: string; userField?: string; fields?: readonly string[] }
}

/** An event as an untyped subscriber receives it. @public */
export interface DeliveredEvent {
  id: string
  name: string
  tenantId: string
  payload: Record<string, unknown>
  publishedAt: string
}

/**
 * A subscriber: runs in the event's tenant transaction; throwing makes it retry (then dead-letter).
 * @deprecated Subscribe with `on(eventContract, handler)` in `subscribes: [...]`, which types the payload.
 */
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
  /**
   * A self-service page about the signed-in person's own things (My bookings, My invoices): members see it; staff see
   * it only when their login is also a member here, as told by a plugin's {@link UiDefinition.self} route.
   */
  selfService?: boolean
}

/** A UI route: an app path rendered by a custom element (tag prefixed with the plugin id). @public */
export interface UiRoute {
  path: string
  tag: string
  permission?: string
}

/**
 * A dashboard widget: a card on the shell's home page ("today at this location"), rendered by a custom element of the
 * plugin's UI bundle. The kernel serves it in the UI manifest only to users holding `permission` and only while the
 * tenant has the plugin enabled — the same filter as nav items. The shell sets on the element the attribute
 * `location-id` (the location picked on the dashboard, empty when there is none) and the properties `session` and
 * `tenant`; the element loads its own data, keeps it live with realtime subscriptions and shows its own empty state.
 * @public
 */
export interface UiWidget {
  /** Unique within the plugin: `[a-z][a-z0-9-]*`, at most 40 characters. */
  id: string
  /** Card heading, at most 60 characters. */
  title: string
  /** Custom element tag defined by the plugin's UI module, prefixed with the plugin id (`bookings-now-widget`). */
  element: string
  /** Width on the dashboard grid: `s` one column, `m` two, `l` the whole row (default `s`). */
  size?: 's' | 'm' | 'l'
  /** Shown only to users holding this permission (like {@link NavItem.permission}). */
  permission?: string
  /** Position on the dashboard, lower first (0–1000; widgets without one come last, then by title). */
  order?: number
}

/**
 * A report drawn on the shell's Reports screen (`/reports`) from one of the plugin's report routes — a GET under
 * `/api/v1/<plugin>` taking `from`, `to` and `locationId` and answering `{ from, to, rows }` (or a CSV download with
 * `format=csv`, as `reportAnswer` does). The shell fetches it for the range and location picked on the screen and
 * draws it as a chart (Chart.js, loaded on demand), with a table of the same rows and a CSV download link; the
 * plugin writes no UI code for it. Served in the UI manifest only to users holding `permission`, only while the
 * tenant has the plugin enabled (like {@link UiWidget}). @public
 */
export interface UiReport {
  /** Unique within the plugin: `[a-z][a-z0-9-]*`, at most 40 characters. */
  id: string
  /** Card heading, at most 60 characters. */
  title: string
  /** One sentence under the heading, at most 200 characters. */
  description?: string
  /** The report route under the plugin's API prefix, e.g. `/reports/occupancy` (at most 100 characters). */
  source: string
  /** `bar` (default) or `line`. */
  chart?: 'bar' | 'line'
  /** The row field on the horizontal axis (week, month, hour, …). */
  x: string
  /** Optional row field that splits the rows into one series each (resource name, product, …). */
  series?: string
  /** The row fields drawn as values (1–4), each with its label. */
  values: { field: string; label: string }[]
  /** How values read: plain numbers, a 0–1 fraction shown as a percentage, or minor units of the answer's `currency`. */
  format?: 'number' | 'percent' | 'money'
  /** Shown only to users holding this permission. */
  permission?: string
  /** Position on the screen, lower first (0–1000). */
  order?: number
}

/**
 * Origins outside Tessera that the plugin's screens load from, added by the kernel to its `Content-Security-Policy`
 * for every page (e.g. a payment provider's browser SDK: `scriptSrc: ['https://js.stripe.com']`). Each entry is an
 * origin — `https://host[:port]`, or `http://` only for `localhost`/`127.0.0.1` (tests' stand-ins) —, at most 8 per
 * directive; the kernel refuses the manifest otherwise. @public
 */
export interface PluginCspSources {
  /** Added to `script-src`. */
  scriptSrc?: string[]
  /** Added to `frame-src` (iframes the provider's SDK mounts). */
  frameSrc?: string[]
  /** Added to `connect-src` (fetches of the provider's SDK). */
  connectSrc?: string[]
}

/** The plugin's web UI. @public */
export interface UiDefinition {
  /** Module entry relative to the package root (default `ui/index.ts`); built to `dist/ui/index.js`. */
  entry?: string
  nav?: NavItem[]
  routes: UiRoute[]
  /** Dashboard widgets (at most 12), each a custom element of this plugin's UI module. */
  widgets?: UiWidget[]
  /**
   * Sections of a person's profile (at most 6; members' `/members/:id`), each a custom element of this plugin's UI
   * module that receives the attribute `person-id`. Filtered by permission and enablement exactly like
   * {@link UiDefinition.widgets}; `size` is the section's width (`l`, the whole row, by default).
   */
  profileSections?: UiWidget[]
  /** Reports on the shell's Reports screen (at most 12), drawn from the plugin's report routes. */
  reports?: UiReport[]
  /**
   * A GET route of this plugin (relative to `/api/v1/<id>`, e.g. `/me/linked`) that answers `{ linked: boolean }`:
   * whether the signed-in user is a member of the space (a person here). The shell asks it to decide whether staff also
   * see the {@link NavItem.selfService} pages. Members declares it.
   */
  self?: string
}

/**
 * A hardware driver the plugin provides to site agents.
 *
 * @deprecated Ignored by the kernel, and removed in the next major: drivers run in the site agent, published as driver
 * packages (`defineDriver` from `@tessera/driver-sdk`) and named in the agent config's `driverPackages`; the agent
 * reports each device's driver and kind in its hello and heartbeats.
 * @public
 */
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
  /**
   * Plugins this one uses when they are installed, with semver ranges, e.g. `{ billing: '^1.0.0' }`. When installed,
   * this plugin starts after them and fails (with the reason) if one's version is outside the range; when absent or
   * failed, it still starts. Their service refs may be listed in `consumes` and are read with
   * `ctx.services.optional(ref)` (`undefined` when the provider is not running). A tenant need not enable them.
   */
  optionalDependsOn?: Record<string, string>
  /** JSON Schema of the per-tenant configuration; validated with ajv when a tenant enables the plugin. */
  configSchema?: JsonSchema
  /** Permissions this plugin declares, by name (prefix them with the plugin id). */
  permissions?: Record<string, PermissionDeclaration>
  /**
   * Services other plugins may use (only those that declare this one in `dependsOn`): implementations of this
   * plugin's own service refs, `[provide(ref, (ctx) => impl)]`. The record form (`{ name: factory }`, reached with
   * `ctx.services.get(pluginId, name)`) is deprecated.
   */
  services?: readonly ServiceProvision<unknown, Config>[] | Record<string, (ctx: PluginContext<Config>) => unknown>
  /**
   * Service refs of other plugins this one calls with `ctx.services.get(ref)` (or `ctx.services.optional(ref)`).
   * Checked at boot: each ref's plugin must be in `dependsOn` or `optionalDependsOn`, and — when installed — provide
   * the ref and have a version in the ref's range; otherwise this plugin fails.
   */
  consumes?: readonly ServiceRef<unknown>[]
  /** Extension points this plugin offers (`defineExtensionPoint` with its own id); read them with `ctx.extensions.get`. */
  extensionPoints?: readonly ExtensionPoint<unknown>[]
  /** Extensions this plugin registers on other plugins' points, `[extend(point, (ctx) => impl)]`; the owner must be in `dependsOn`. */
  extensions?: readonly ExtensionRegistration<unknown, Config>[]
  migrations?: Migration[]
  /**
   * Registers routes on an encapsulated Fastify instance mounted at `/api/v1/<id>`, typed by the JSON-Schema type
   * provider: `req.body`, `req.params`, `req.query` and the reply take their types from the route's `schema`.
   */
  routes?: (app: PluginApp, ctx: PluginContext<Config>) => void | Promise<void>
  jobs?: Record<string, JobDefinition<Config>>
  /**
   * Events this plugin publishes: contracts made with `defineEvent` (each with a payload schema, validated at
   * publish). The record form keyed by name is deprecated (the kernel warns about entries without a schema).
   */
  events?: readonly EventContract[] | Record<string, EventDeclaration>
  /**
   * Handlers for other plugins' events: `[on(eventContract, handler)]` (typed, payload validated on delivery), or the
   * deprecated record form keyed by event name.
   */
  subscribes?: readonly EventSubscription<any, Config>[] | Record<string, EventHandler<Config>>
  ui?: UiDefinition
  /** Answers the top-bar search for this plugin's records (see {@link SearchProvider}). */
  search?: SearchProvider<Config>
  /** Origins the plugin's screens load scripts, frames or data from (served in the kernel's CSP). */
  csp?: PluginCspSources
  /** @deprecated Ignored (a warning at boot); publish a driver package for the site agent instead (see {@link DriverDeclaration}). */
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
  /**
   * The kernel issued a set-password link for a user (an invitation of a new user, or a password reset) and asks the
   * plugin to deliver it, e.g. by e-mail. Called for each running plugin with this hook that the tenant has enabled:
   * for an invitation inside the inviting request's tenant transaction (a failure is logged and rolled back to a
   * savepoint, the invitation stands); for a reset in a new transaction of one tenant of the user (the tenant of their
   * newest session that has such a plugin enabled, else their oldest such membership) as a system actor. The link is a
   * secret (see {@link IdentityMessage}).
   */
  onIdentityMessage?(ctx: PluginContext<Config>, message: IdentityMessage): Promise<void>
}
