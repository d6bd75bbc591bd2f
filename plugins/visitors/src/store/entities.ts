/**
 * The visitors plugin's entities (`defineEntity` through `@tessera/orm`, no decorators) over the tables of its SQL
 * migration, and its one ORM. Every read and write of the plugin goes through these: the ORM's queries run on the
 * kernel's tenant scope (`ctx.db`), so RLS, the runtime role and the kernel's commit or rollback apply to them.
 */
import { randomUUID } from 'node:crypto'
import { defineEntity, defineOrm, p } from '@tessera/orm'
import type { InferEntity } from '@tessera/orm'

/** A registered visit (`visitors.visitors`). */
export const VisitorEntity = defineEntity({
  name: 'Visitor',
  tableName: 'visitors',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    /** Filled by the kernel's column default (the current tenant); RLS refuses any other. */
    tenantId: p.uuid().defaultRaw('tessera.current_tenant()'),
    name: p.string(),
    email: p.string().nullable(),
    company: p.string().nullable(),
    expectedAt: p.datetime(),
    hostUserId: p.uuid(),
    hostName: p.string(),
    status: p.enum(['expected', 'arrived', 'left', 'cancelled'] as const).default('expected'),
    badgeNumber: p.integer().nullable(),
    badgeDay: p.string().nullable(),
    arrivedAt: p.datetime().nullable(),
    leftAt: p.datetime().nullable(),
    cancelledAt: p.datetime().nullable(),
    locationId: p.uuid().nullable(),
    registeredBy: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
})
/** A visitor row as the ORM hydrates it. */
export type VisitorRow = InferEntity<typeof VisitorEntity>

/** The last badge number given out on a day (`visitors.badge_counters`). */
export const BadgeCounterEntity = defineEntity({
  name: 'BadgeCounter',
  tableName: 'badge_counters',
  properties: {
    tenantId: p.uuid().primary().defaultRaw('tessera.current_tenant()'),
    day: p.string().primary(),
    last: p.integer(),
  },
})

/** The plugin's ORM: one MikroORM per kernel, a fresh EntityManager per handler (`orm.em(ctx)`). */
export const orm = defineOrm({ entities: [VisitorEntity, BadgeCounterEntity] })
