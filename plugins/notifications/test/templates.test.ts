/**
 * The built-in templates without a kernel: every dunning step of a declined payment says what happens next, values
 * are escaped in HTML (a person's name cannot inject markup) and kept as they are in plain text, and the layout puts
 * the tenant's logo on top and the unsubscribe and preferences links only into non-essential mail.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { TemplateInput } from '@tessera/plugin-notifications/contract'
import { billingTemplates } from '../src/templates/billing-templates.ts'
import { bookingTemplates } from '../src/templates/booking-templates.ts'
import { layout } from '../src/domain/mail-layout.ts'

const brand = { name: 'Acme <Space>', logoUrl: 'https://acme.test/logo.png', appUrl: 'https://acme.test' }
const input = (data: Record<string, unknown>, name = 'Ann "<b>" Smith'): TemplateInput =>
  ({ data, secrets: {}, brand, recipient: { name, email: 'ann@acme.test' }, timeZone: 'Europe/London' })
const paymentFailed = billingTemplates({} as never).find((t) => t.id === 'billing.payment-failed')!

test('a declined payment names its dunning step: a retry date, the last attempt, or an on-session payment', () => {
  const base = { number: 'INV-7', amountDue: 12345, currency: 'EUR' }
  const retry = paymentFailed.render(input({ ...base, attempt: 1, nextAttemptAt: '2025-06-03T13:00:00.000Z' }))
  assert.match(retry.text, /We could not charge EUR 123\.45 for invoice INV-7/)
  assert.match(retry.text, /attempt 1\. We will try again on Tuesday, 3 June 2025 at 14:00/)
  const last = paymentFailed.render(input({ ...base, attempt: 3, nextAttemptAt: null }))
  assert.match(last.text, /This was the last attempt \(3\)\. Please pay now/)
  const now = paymentFailed.render(input({ ...base, attempt: null, nextAttemptAt: null }))
  assert.match(now.text, /try again or use another card/)
  assert.equal(paymentFailed.essential, true)
})

test('values are escaped in HTML and left as they are in text; the layout adds logo, and links only to optional mail', () => {
  const confirmed = bookingTemplates.find((t) => t.id === 'bookings.confirmed')!
  const mail = confirmed.render(input({ startsAt: '2025-06-03T13:00:00.000Z', endsAt: '2025-06-03T14:30:00.000Z' }))
  assert.match(mail.text, /^Hello Ann,/)
  assert.match(mail.text, /14:00–15:30 \(Europe\/London\), at Acme <Space> is confirmed/)
  assert.match(mail.html.__html, /at Acme &lt;Space&gt; is confirmed/)
  assert.doesNotMatch(mail.html.__html, /<Space>/)

  const optional = layout(mail, brand, { unsubscribeUrl: 'https://acme.test/u/1', preferencesUrl: 'https://acme.test/p' })
  assert.match(optional.html, /<img src="https:\/\/acme\.test\/logo\.png" alt="Acme &lt;Space&gt;"/)
  assert.match(optional.html, /<a href="https:\/\/acme\.test\/u\/1"[^>]*>Unsubscribe<\/a>/)
  assert.match(optional.text, /Unsubscribe: https:\/\/acme\.test\/u\/1/)
  const essential = layout(paymentFailed.render(input({ number: 'INV-7', amountDue: 1, currency: 'EUR', attempt: null })), brand, {})
  assert.doesNotMatch(essential.html, /Unsubscribe/)
  assert.doesNotMatch(essential.text, /Unsubscribe/)
})
