/**
 * `@tessera/plugin-mailchimp/testing`: the stateful local Mailchimp fake (audiences, members by subscriber hash,
 * batches with their operations applied, tags, permanent delete, 429/5xx injection, webhook delivery) that the
 * plugin's tests point the real `@mailchimp/mailchimp_marketing` SDK at.
 */
export { startMailchimpFake, webhookForm } from './mailchimp-fake.ts'
export type { MailchimpFake, MailchimpFakeOptions } from './mailchimp-fake.ts'
export { FakeAudiences, subscriberHash } from './fake-audiences.ts'
export type { FakeBatch, FakeList, FakeMember, FakeResult } from './fake-audiences.ts'
