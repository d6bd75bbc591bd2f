/**
 * `@tessera/plugin-notifications/testing`: what other tests share to assert on e-mail — a real SMTP receiver
 * (`startSmtpReceiver`) whose `config()` is the notifications `smtp` config, so a test enables notifications
 * pointing at it and waits for the messages (`await smtp.next((m) => m.to.includes(host.email))`).
 */
export { startSmtpReceiver } from './smtp-receiver.ts'
export type { ReceivedMail, SmtpReceiver, SmtpReceiverOptions } from './smtp-receiver.ts'
