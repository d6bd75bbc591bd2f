/**
 * The billing plugin's UI module (loaded by the shell on demand). Staff: invoices (list, detail), plans, memberships,
 * credits, overdue invoices (dunning), Stripe settings. Members: my invoices (pay now) and my plan. Dashboard: overdue invoices. Routes, tags and the widget are
 * declared in `src/index.ts` (`ui.routes`, `ui.widgets`).
 */
import './billing-invoices.ts'
import './billing-invoice-detail.ts'
import './billing-plans.ts'
import './billing-memberships.ts'
import './billing-wallets.ts'
import './billing-my-invoices.ts'
import './billing-my-plan.ts'
import './billing-overdue-widget.ts'
import './billing-overdue.ts'
import './billing-stripe-settings.ts'
import './billing-profile-section.ts'
