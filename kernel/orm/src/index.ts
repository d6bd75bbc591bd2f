/**
 * `@tessera/orm`: an opt-in MikroORM 7 EntityManager for Tessera plugins, on the kernel's own tenant-bound connection
 * and transaction (RLS, the runtime role and the kernel's commit/rollback apply to every ORM query). Built only on the
 * SDK's public `ctx.db`.
 *
 * @packageDocumentation
 */
export { defineOrm, kernelBoundOptions } from './define-orm.ts'
export type { OrmOptions, PluginOrm } from './define-orm.ts'
export { scopeDialect } from './scope-dialect.ts'
/** MikroORM's entity builder and property helpers, re-exported so a plugin uses the same MikroORM as its ORM. @public */
export { defineEntity, p } from '@mikro-orm/core'
/** The EntityManager type returned by `orm.em(ctx)`, and MikroORM's `raw` SQL fragment helper. @public */
export { raw } from '@mikro-orm/postgresql'
export type { EntityManager, InferEntity } from '@mikro-orm/postgresql'
