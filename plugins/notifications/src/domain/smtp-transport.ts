/**
 * The tenant's SMTP transport (nodemailer): built from the config on each send — cheap, and a reconfigured tenant
 * takes effect at once. Connection and greeting time out after `smtp.timeoutMs`. Errors are sorted into permanent
 * (the server answered 5xx: retrying will not help) and transient (unreachable, timeouts, 4xx).
 */
import nodemailer from 'nodemailer'
import type { NotificationsConfig, NotificationsContext } from './notifications-config.ts'

/** The SMTP settings that decide whether mail can be sent. */
export interface SmtpSettings {
  configured: boolean
  host: string | null
  port: number
  secure: boolean
  user: string | null
  from: string | null
  password: string | null
  timeoutMs: number
}

/** A message ready for the transport. */
export interface OutgoingMail {
  to: { name: string; address: string }
  subject: string
  text: string
  html: string
  headers?: Record<string, string>
  attachments?: { filename: string; contentType: string; content: Uint8Array }[]
}

/** What the server said. */
export interface SmtpAnswer {
  messageId: string | null
  response: string
}

/** An SMTP failure: `permanent` when the server refused with 5xx. */
export class SmtpError extends Error {
  readonly permanent: boolean
  constructor(message: string, permanent: boolean) {
    super(message)
    this.name = 'SmtpError'
    this.permanent = permanent
  }
}

/** The tenant's settings (the password from the named kernel secret first). */
export function smtpSettings(ctx: NotificationsContext, cfg: NotificationsConfig = ctx.config()): SmtpSettings {
  const s = cfg.smtp
  const password = (s?.passwordSecret ? ctx.secret(s.passwordSecret) : undefined) ?? s?.password ?? null
  return {
    configured: Boolean(s?.host && s?.from),
    host: s?.host ?? null, port: s?.port ?? 587, secure: s?.secure ?? false, user: s?.user ?? null, from: s?.from ?? null,
    password, timeoutMs: s?.timeoutMs ?? 10_000,
  }
}

/** Sends one message; throws {@link SmtpError}. */
export async function sendSmtp(settings: SmtpSettings, mail: OutgoingMail): Promise<SmtpAnswer> {
  if (!settings.configured) throw new SmtpError('SMTP is not configured', true)
  const transport = nodemailer.createTransport({
    host: settings.host!, port: settings.port, secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
    connectionTimeout: settings.timeoutMs, greetingTimeout: settings.timeoutMs, socketTimeout: settings.timeoutMs * 3,
  })
  try {
    const info = await transport.sendMail({
      from: settings.from!, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers,
      attachments: mail.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) })),
    })
    return { messageId: info.messageId ?? null, response: String(info.response ?? '') }
  } catch (err) {
    const e = err as Error & { responseCode?: number; code?: string }
    const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500
    const where = `${settings.host}:${settings.port}`
    const reason = e.responseCode ? `${where} refused the message: ${e.message}` : `${where} unreachable (${e.code ?? 'error'}): ${e.message}`
    throw new SmtpError(reason, permanent)
  } finally {
    transport.close()
  }
}
