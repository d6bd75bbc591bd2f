/** `visitors.visitor.arrived` → an e-mail to the visit's host (a user of the tenant, by the kernel's identity). */
import { on } from '@tessera/sdk'
import { visitorArrived } from '@tessera/plugin-visitors/contract'
import type { NotificationsContext } from '../domain/notifications-config.ts'
import { queueMessage } from '../domain/queue-message.ts'

/** `visitors.visitor.arrived`. */
export const onVisitorArrived = on(visitorArrived, async (e, ctx: NotificationsContext) => {
  const v = e.payload
  await queueMessage(ctx, {
    key: e.id, template: 'visitors.arrived', to: { userId: v.hostUserId },
    data: { visitorId: v.visitorId, name: v.name, company: v.company, badgeNumber: v.badgeNumber, arrivedAt: v.arrivedAt },
  })
})
