/**
 * The text of a front-desk receipt, from the sale as `pos.sale.completed` describes it: the sale's short id and time
 * (in the POS timezone), one line per product with quantity, unit price and amount, net, tax and total in the tenant's
 * currency, and how it was paid. Plain text for a receipt printer's roll (42 columns); amounts are minor units
 * formatted with the currency's own number of decimals.
 */
import type { SaleCompletedPayload } from '../contract/index.ts'

const WIDTH = 42
const METHODS = { account: 'On account', card: 'Card', cash: 'Cash' } as const

function money(amount: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  return (amount / 10 ** digits).toFixed(digits)
}

const row = (left: string, right: string) => {
  const l = left.slice(0, WIDTH - right.length - 1)
  return `${l}${' '.repeat(Math.max(1, WIDTH - l.length - right.length))}${right}`
}

/** The receipt of `sale`, printed at `at` in `timezone`. */
export function receiptText(sale: SaleCompletedPayload, at: Date, timezone: string): string {
  const c = sale.currency
  const when = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, dateStyle: 'medium', timeStyle: 'short' }).format(at)
  const lines = [
    'RECEIPT',
    row(`Sale ${sale.id.slice(0, 8)}`, when),
    '-'.repeat(WIDTH),
    ...sale.lines.flatMap((l) => [
      row(l.name, money(l.gross, c)),
      `  ${l.quantity} x ${money(l.unitPrice, c)}${l.taxRateBp ? `  (tax ${l.taxRateBp / 100}%)` : ''}`,
    ]),
    '-'.repeat(WIDTH),
    row('Net', money(sale.net, c)),
    row('Tax', money(sale.tax, c)),
    row(`Total ${c}`, money(sale.total, c)),
    row('Paid', METHODS[sale.method]),
    '',
    'Thank you!',
    '',
  ]
  return lines.join('\n')
}
