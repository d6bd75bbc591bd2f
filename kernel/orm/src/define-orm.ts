/**
 * `defineOrm`: one MikroORM per plugin, initialised lazily on first use and cached per plugin context (so per kernel
 * instance — two kernels in one process, as in tests, never share one), and a forked EntityManager per handler.
 *
 * The ORM runs on the kernel's own tenant-bound connection through `scopeDialect(ctx.db)`: no pool, no BEGIN/COMMIT of
 * its own (`implicitTransactions: false` — the kernel's transaction is the unit of work), no database probing
 * (`ensureDatabase: false`), no global EntityManager (`allowGlobalContext: false`), and a schema generator told to
 * leave the kernel's RLS policies alone. Migrations stay in the kernel's runner; entities map onto the plugin's tables
 * (the default schema is the plugin's id). `orm.close()` is never called: there is nothing of ours to close, and the
 * pool is the kernel's.
 */
import { MikroORM } from '@mikro-orm/postgresql'
import type { EntityManager, Options } from '@mikro-orm/postgresql'
import type { PluginContext } from '@tessera/sdk'
import { scopeDialect } from './scope-dialect.ts'

/** What a plugin declares once, next to its entities. @public */
export interface OrmOptions {
  /** The plugin's entities (made with `defineEntity`; decorators are not supported by the kernel's TypeScript). */
  entities: NonNullable<Options['entities']>
  /** The default schema of the entities (default: the plugin's id, where the kernel puts its tables). */
  schema?: string
  /** Logs every ORM query with the plugin's logger at debug level. */
  debug?: boolean
  /**
   * Further MikroORM options (naming strategy, filters, …). The options that tie the ORM to the kernel's connection
   * (`driverOptions`, `implicitTransactions`, `ensureDatabase`, `allowGlobalContext`, `connect`) cannot be overridden.
   */
  mikroOrm?: Omit<Options, 'entities' | 'driverOptions' | 'implicitTransactions' | 'ensureDatabase' | 'allowGlobalContext' | 'dbName' | 'clientUrl'>
}

/** A plugin's ORM, made once at module level with {@link defineOrm}. @public */
export interface PluginOrm {
  /**
   * A fresh EntityManager (its own identity map) for this request, job or hook, on the current tenant scope. Call it
   * once per handler and keep it local: never share one between requests. `em.flush()` sends no BEGIN/COMMIT — it
   * writes in the kernel's transaction, which commits or rolls back with the handler.
   */
  em(ctx: PluginContext): Promise<EntityManager>
  /** The plugin's MikroORM for this kernel (initialised on first call; metadata, `orm.schema` for inspection). */
  orm(ctx: PluginContext): Promise<MikroORM>
}

/** The MikroORM options every plugin ORM runs with (exported for tests and the README). @public */
export function kernelBoundOptions(ctx: PluginContext, options: OrmOptions): Options {
  return {
    ...options.mikroOrm,
    entities: options.entities,
    dbName: ctx.id, // never connected to: the dialect is ctx.db
    schema: options.schema ?? ctx.id,
    driverOptions: scopeDialect(ctx.db),
    implicitTransactions: false,
    ensureDatabase: false,
    allowGlobalContext: false,
    schemaGenerator: { ...options.mikroOrm?.schemaGenerator, ignorePolicies: true },
    debug: options.debug ?? false,
    logger: (message: string) => ctx.log.debug({ plugin: ctx.id, orm: message }, 'orm query'),
  }
}

/**
 * Declares a plugin's ORM. Nothing happens until the first `em(ctx)`: then one `MikroORM.init` (entity discovery, no
 * query), cached for that plugin context; a failed init is not cached, so the next call retries.
 *
 * ```ts
 * export const Visitor = defineEntity({ name: 'Visitor', tableName: 'visitors', properties: { id: p.integer().primary(), name: p.string() } })
 * export const orm = defineOrm({ entities: [Visitor] })
 * // in a POST handler
 * const em = await orm.em(ctx)
 * em.persist(em.create(Visitor, { name: req.body.name }))
 * await em.flush()                       // joins the kernel's transaction
 * ```
 *
 * @public
 */
export function defineOrm(options: OrmOptions): PluginOrm {
  const instances = new WeakMap<PluginContext, Promise<MikroORM>>()
  function orm(ctx: PluginContext): Promise<MikroORM> {
    let pending = instances.get(ctx)
    if (!pending) {
      pending = MikroORM.init(kernelBoundOptions(ctx, options))
      instances.set(ctx, pending)
      pending.catch(() => { if (instances.get(ctx) === pending) instances.delete(ctx) })
    }
    return pending
  }
  return {
    orm,
    async em(ctx) {
      return (await orm(ctx)).em.fork({ clear: true, useContext: false })
    },
  }
}
