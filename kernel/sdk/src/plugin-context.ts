/**
 * What a plugin's code touches at run time. The kernel builds one `PluginContext` per plugin (its awilix scope) and
 * hands it to `routes`, services, jobs, subscribers and hooks. Tenant-dependent members (`db`, `tenant()`,
 * `actor()`, `config()`, `events`, `jobs`, `audit`) act on the *current* tenant transaction, which the kernel opens
 * around every request, job and hook; outside one they throw.
 */
import type { Db } from './db.ts'
import type { TenantRole } from './roles.ts'
import type { ServiceRef } from './service-ref.ts'
import type { EventContract } from './event-contract.ts'
import type { ExtensionPoint, Extension } from './extension-point.ts'

/** The tenant the current transaction belongs to. @public */
export interface TenantInfo {
  id: string
}

/** Who is acting. @public */
export interface Actor {
  type: 'user' | 'token' | 'system' | 'agent'
  /** User id, token id, agent id, or the job name for `system`. */
  id: string
  /** The actor's role in the current tenant (users and tokens). */
  role?: TenantRole
  /** Display name or e-mail, for audit and UI. */
  label?: string
}

/** Minimal structured logger (a pino child logger). @public */
export interface Logger {
  debug(obj: object | string, msg?: string): void
  info(obj: object | string, msg?: string): void
  warn(obj: object | string, msg?: string): void
  error(obj: object | string, msg?: string): void
}

/** Publishes domain events. @public */
export interface EventBus {
  /**
   * Publishes `event` (one of this plugin's `events` contracts) with a payload of its schema's type, on the current
   * transaction: subscribers and realtime clients see it only if the transaction commits, and at least once if it does.
   * The kernel validates `payload` against the event's schema first; a payload that does not match throws a 500-class
   * error (a bug in the publisher, logged with the schema errors) and nothing is delivered.
   */
  publish<Payload>(event: EventContract<Payload>, payload: NoInfer<Payload>): Promise<void>
  /**
   * Publishes the event named `name` (declared in the plugin's `events`, prefixed with its id). A declaration with a
   * schema is validated as above.
   * @deprecated Pass the event contract (`defineEvent`) instead of its name, so the payload is typed.
   */
  publish(name: string, payload: Record<string, unknown>): Promise<void>
}

/** Options when enqueueing a job. @public */
export interface SendJobOptions {
  /** Run no earlier than this date, or this many seconds from now. */
  startAfter?: Date | number
  /** Only one job with this key may be queued or active at a time. */
  singletonKey?: string
}

/** Enqueues this plugin's jobs on the current transaction. @public */
export interface JobQueue {
  /** Enqueues job `name` (declared in the plugin's `jobs`) for the current tenant; returns the job id. */
  send(name: string, data?: Record<string, unknown>, options?: SendJobOptions): Promise<string | null>
}

/** An audit entry a plugin records explicitly (mutating routes are also recorded automatically). @public */
export interface AuditEntry {
  /** Verb in the plugin's words, e.g. `booking.cancel`. */
  action: string
  /** What was acted on, e.g. `booking:42`. */
  target?: string
  data?: Record<string, unknown>
}

/** Appends to the tenant's audit log on the current transaction. @public */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>
}

/** Resolves services exported by plugins this plugin declared in `dependsOn` or `optionalDependsOn`. @public */
export interface ServiceRegistry {
  /**
   * The service behind `ref`, typed by its contract. The ref must be listed in this plugin's `consumes` (the kernel
   * checked at boot that its plugin is a dependency, provides it, and has a version in the ref's range). Throws for a
   * ref of an optional dependency (use {@link ServiceRegistry.optional}).
   */
  get<T>(ref: ServiceRef<T>): T
  /**
   * The service behind `ref` when its plugin is running, `undefined` when that plugin is not installed or failed. The
   * ref must be listed in `consumes`; meant for refs of `optionalDependsOn` plugins (for a `dependsOn` one it is
   * always defined).
   */
  optional<T>(ref: ServiceRef<T>): T | undefined
  /**
   * The service `name` exported by `pluginId`; throws if `pluginId` is not a declared dependency.
   * @deprecated Use a service ref from the providing plugin's contract: `ctx.services.get(ref)`.
   */
  get<T>(pluginId: string, name: string): T
}

/** Reads the extensions other plugins registered on this plugin's extension points. @public */
export interface ExtensionRegistry {
  /**
   * The extensions registered on `point` by running plugins, ordered by plugin id. `point` must be one of this
   * plugin's own `extensionPoints`.
   */
  get<T>(point: ExtensionPoint<T>): readonly Extension<T>[]
}

/** A user account as plugins see it (invitations, lookups of the tenant's users). @public */
export interface IdentityUser {
  id: string
  email: string
  name: string
}

/**
 * The outcome of {@link Identity.invite}. A new e-mail gets a user who is a member at once; a user who already
 * belongs to the tenant keeps their role or is raised to the invited one (never lowered); a user of the platform who
 * does not belong to the tenant yet gets a *pending* invitation and joins only when they accept it — their user id is
 * not revealed until then. @public
 */
export interface IdentityInvitation {
  status: 'member' | 'pending'
  /** The user, only when `status` is `member`. */
  user: IdentityUser | null
  /** The pending invitation's id (opaque, tenant-local), only when `status` is `pending`. */
  invitationId: string | null
  /** The user's role in the tenant before and after the call (`null`: none). */
  roleBefore: TenantRole | null
  roleAfter: TenantRole | null
}

/** An invitation this plugin issued that its user accepted (see `PluginDefinition.onInvitationAccepted`). @public */
export interface AcceptedInvitation {
  invitationId: string
  user: IdentityUser
  role: TenantRole
}

/** What {@link Identity.find} takes. @public */
export interface IdentityQuery {
  /** Case-insensitive substring of the name or e-mail (at most 100 characters); absent or empty: every user. */
  query?: string
  /** At most this many users (1–100, default 20). */
  limit?: number
}

/**
 * Lets a plugin give people access to the current tenant (e.g. inviting a member) and look up the tenant's users (e.g.
 * to pick the host of a visit). Every change follows the role rule: nobody grants, lowers or removes a role at or above
 * their own (403 otherwise); system actors (jobs, hooks, seeds) are exempt. Lookups see only users who belong to the
 * current tenant and are not disabled. @public
 */
export interface Identity {
  /**
   * Creates the user if the e-mail is new (with `password`, or unable to sign in until one is set) and makes them a
   * member with `role`; an existing member is raised to `role` if it is higher and otherwise keeps their role; any other
   * existing user gets a pending invitation. Audited with the role before and after.
   */
  invite(input: { email: string; name: string; role: TenantRole; password?: string }): Promise<IdentityInvitation>
  /** Removes the user's access to the current tenant (their other tenants are untouched). Audited. */
  revoke(userId: string): Promise<void>
  /** Withdraws a pending invitation of the current tenant (no-op when it was accepted or is unknown). */
  cancelInvitation(invitationId: string): Promise<void>
  /**
   * Users of the current tenant whose name or e-mail contains `query.query` (case-insensitive), ordered by name, at most
   * `query.limit`. Throws a `RangeError` for a longer query or a limit outside 1–100 (validate input in the route).
   */
  find(query?: IdentityQuery): Promise<IdentityUser[]>
  /**
   * The user `userId` if they belong to the current tenant (and are not disabled), else `undefined` — another tenant's
   * user, an unknown or malformed id included.
   */
  get(userId: string): Promise<IdentityUser | undefined>
}

/** The context of one plugin. @public */
export interface PluginContext<Config = Record<string, unknown>> {
  readonly id: string
  readonly version: string
  /** Queries on the current tenant transaction. */
  readonly db: Db
  readonly log: Logger
  readonly events: EventBus
  readonly jobs: JobQueue
  readonly audit: AuditLog
  readonly services: ServiceRegistry
  /** Extensions registered on this plugin's extension points. */
  readonly extensions: ExtensionRegistry
  readonly identity: Identity
  /** The current tenant; throws outside a tenant transaction. */
  tenant(): TenantInfo
  /** The current actor; throws outside a tenant transaction. */
  actor(): Actor
  /**
   * This plugin's validated configuration for the current tenant, with the `configSchema`'s defaults applied on read:
   * a default added in an upgrade reaches tenants that enabled the plugin before it existed (the stored record is
   * unchanged until the tenant is reconfigured).
   */
  config(): Config
  /** Whether the current actor holds `permission` in the current tenant. */
  can(permission: string): boolean
  /**
   * Runs `fn` in a new transaction of `tenantId` as `actor` (default: system). Used by public routes (webhooks) and
   * device connections that learn their tenant from the request. Throws 404 if the tenant has not enabled this plugin.
   */
  withTenant<T>(tenantId: string, fn: () => Promise<T>, actor?: Actor): Promise<T>
  /** A named secret from the kernel configuration (`TESSERA_SECRET_<NAME>`), never from the environment directly. */
  secret(name: string): string | undefined
}
