/**
 * Every template this tenant can send: the built-in ones (account, bookings, billing, visitors, the test e-mail) and
 * those other plugins registered on `notifications.templates`. An extension's id must start with its plugin's id and
 * a dot and must not take a built-in id; a bad or duplicate one is skipped with a warning (the plugin's other
 * templates still count).
 */
import { notificationTemplates } from '../contract/notification-templates.ts'
import type { NotificationTemplate } from '../contract/notification-templates.ts'
import type { NotificationsContext } from './notifications-config.ts'
import { invitationTemplate, passwordResetTemplate } from '../templates/identity-templates.ts'
import { bookingTemplates } from '../templates/booking-templates.ts'
import { billingTemplates } from '../templates/billing-templates.ts'
import { paymentReminderTemplate } from '../templates/payment-reminder-template.ts'
import { visitorArrivedTemplate } from '../templates/visitor-templates.ts'
import { testTemplate } from '../templates/test-template.ts'

/** A template and the plugin that provides it. */
export interface RegisteredTemplate {
  template: NotificationTemplate
  plugin: string
}

const ID = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9.-]*$/

/** The templates of a context, by id. */
export class TemplateRegistry {
  readonly #ctx: NotificationsContext
  readonly #builtIn: Map<string, RegisteredTemplate>
  readonly #warned = new Set<string>()

  constructor(ctx: NotificationsContext) {
    this.#ctx = ctx
    const builtIn = [invitationTemplate, passwordResetTemplate, ...bookingTemplates, ...billingTemplates(ctx), paymentReminderTemplate, visitorArrivedTemplate, testTemplate]
    this.#builtIn = new Map(builtIn.map((template) => [template.id, { template, plugin: 'notifications' }]))
  }

  /** Every template, built-in first, then extensions by plugin id. */
  all(): RegisteredTemplate[] {
    const out = new Map(this.#builtIn)
    for (const ext of this.#ctx.extensions.get(notificationTemplates)) {
      for (const template of ext.value) {
        const problem = !ID.test(template.id) || template.id.length > 80 ? 'is not <plugin>.<name> of at most 80 characters'
          : !template.id.startsWith(`${ext.plugin}.`) ? `does not start with "${ext.plugin}."`
            : out.has(template.id) ? 'is taken' : undefined
        if (problem) {
          if (!this.#warned.has(`${ext.plugin}/${template.id}`)) {
            this.#warned.add(`${ext.plugin}/${template.id}`)
            this.#ctx.log.warn({ extension: ext.plugin, template: template.id }, `notification template skipped: its id ${problem}`)
          }
          continue
        }
        out.set(template.id, { template, plugin: ext.plugin })
      }
    }
    return [...out.values()]
  }

  /** The template `id`, or undefined. */
  get(id: string): RegisteredTemplate | undefined {
    return this.#builtIn.get(id) ?? this.all().find((t) => t.template.id === id)
  }
}
