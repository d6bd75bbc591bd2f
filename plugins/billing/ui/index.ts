/**
 * The billing plugin's UI module (loaded by the shell on demand). Staff: invoices (list, detail), plans, memberships,
 * credits. Members: my invoices (pay now) and my plan. Routes and tags are declared in `src/index.ts` (`ui.routes`).
 */
import './billing-invoices.ts'
import './billing-invoice-detail.ts'
import './billing-plans.ts'
import './billing-memberships.ts'
import './billing-wallets.ts'
import './billing-my-invoices.ts'
import './billing-my-plan.ts'
