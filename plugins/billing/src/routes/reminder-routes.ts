/**
 * Payment reminders (staff, `billing.manage`): `POST /invoices/:id/reminders` mails the payer of an open invoice a
 * reminder now, outside the dunning schedule (`domain/payment-reminder.ts`: what is refused and why). A second one
 * within the hour is a 429 with `Retry-After`.
 */
import { ProblemError } from '@tessera/sdk'
import type { PluginApp } from '@tessera/sdk'
import { billingPermissions } from '../contract/permissions.ts'
import { emptyBody, idParams, invoiceReminder } from '../contract/route-schemas.ts'
import type { BillingContext } from '../domain/billing-config.ts'
import { sendPaymentReminder } from '../domain/payment-reminder.ts'

/** Registers the reminder route. */
export function reminderRoutes(app: PluginApp, ctx: BillingContext): void {
  app.post('/invoices/:id/reminders', {
    config: { permission: billingPermissions.manage },
    schema: { params: idParams, body: emptyBody, response: { 201: invoiceReminder } },
  }, async (req, reply) => {
    try {
      const reminder = await sendPaymentReminder(ctx, req.params.id)
      reply.code(201)
      return reminder
    } catch (error) {
      if (error instanceof ProblemError && error.status === 429) reply.header('retry-after', String(error.extra?.retryAfterSeconds ?? 3600))
      throw error
    }
  })
}
