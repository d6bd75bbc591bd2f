/**
 * A real SMTP server for tests (`smtp-server`, parsed with `mailparser`): listens on 127.0.0.1 (port 0 picks a free
 * one), keeps every message it accepts, and lets a test wait for one (`await smtp.next((m) => m.to.includes(a))`).
 * `stop()` takes it down while keeping its port and `start()` brings it back on that port — an SMTP outage and its
 * end. `config()` is the notifications `smtp` config pointing at it. Optional AUTH (`user`/`password`) refuses other
 * credentials, and `refuse` makes it answer 550 for chosen recipients.
 */
import { SMTPServer } from 'smtp-server'
import { simpleParser } from 'mailparser'
import type { ParsedMail } from 'mailparser'
import type { AddressInfo } from 'node:net'

/** A message as the receiver got it. */
export interface ReceivedMail {
  /** Envelope recipients. */
  to: string[]
  from: string
  subject: string
  text: string
  html: string
  /** Header values as sent, by lower-cased name (the first of each). */
  headers: Map<string, string>
  attachments: { filename: string; contentType: string; content: Buffer }[]
  parsed: ParsedMail
}

/** Options of {@link startSmtpReceiver}. */
export interface SmtpReceiverOptions {
  port?: number
  /** Require AUTH with these credentials. */
  user?: string
  password?: string
  /** Recipients answered with 550. */
  refuse?: (address: string) => boolean
}

/** A running receiver. */
export interface SmtpReceiver {
  readonly port: number
  readonly messages: readonly ReceivedMail[]
  /** Messages whose envelope includes `address` (case-insensitive). */
  to(address: string): ReceivedMail[]
  /**
   * The first message not returned by `next` before (already received, or arriving within `timeoutMs`, default 20 s)
   * that `match` accepts — each message is returned once, so two waits for "a confirmation" get two messages.
   */
  next(match?: (m: ReceivedMail) => boolean, options?: { timeoutMs?: number }): Promise<ReceivedMail>
  /** The notifications `smtp` config for this receiver. */
  config(from?: string): { host: string; port: number; secure: false; from: string; timeoutMs: number; user?: string; password?: string }
  /** Stops accepting connections (the port stays reserved for `start`). */
  stop(): Promise<void>
  /** Listens again on the same port. */
  start(): Promise<void>
  close(): Promise<void>
}

/** Header values as sent (first of each name, unfolded), by lower-cased name — mailparser structures some (`List-*`). */
function rawHeaders(parsed: ParsedMail): Map<string, string> {
  const out = new Map<string, string>()
  for (const { key, line } of parsed.headerLines) {
    if (!out.has(key)) out.set(key, line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim())
  }
  return out
}

/** Starts a receiver. */
export async function startSmtpReceiver(options: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = []
  const waiters = new Set<() => void>()
  const consumed = new WeakSet<ReceivedMail>()
  let server: SMTPServer | undefined
  let port = options.port ?? 0

  const listen = async () => {
    const s = new SMTPServer({
      authOptional: options.user === undefined,
      disabledCommands: options.user === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, cb) {
        if (auth.username === options.user && auth.password === options.password) cb(null, { user: auth.username })
        else cb(new Error('Invalid username or password'))
      },
      onRcptTo(address, _session, cb) {
        if (options.refuse?.(address.address)) {
          const err = new Error('Mailbox unavailable') as Error & { responseCode: number }
          err.responseCode = 550
          return cb(err)
        }
        cb()
      },
      onData(stream, session, cb) {
        simpleParser(stream).then((parsed) => {
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers: rawHeaders(parsed),
            attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content })),
            parsed,
          })
          for (const w of waiters) w()
          cb()
        }, (err: Error) => cb(err))
      },
    })
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject)
      s.listen(port, '127.0.0.1', () => resolve())
    })
    s.on('error', () => {})
    port = ((s as unknown as { server: { address(): AddressInfo } }).server.address()).port
    server = s
  }
  const stop = () => new Promise<void>((resolve) => {
    const s = server
    server = undefined
    if (!s) return resolve()
    s.close(() => resolve())
  })
  await listen()

  return {
    get port() { return port },
    messages,
    to: (address) => messages.filter((m) => m.to.includes(address.toLowerCase())),
    next(match = () => true, { timeoutMs = 20_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find((m) => !consumed.has(m) && match(m))
          if (!found) return false
          consumed.add(found)
          waiters.delete(check)
          clearTimeout(timer)
          resolve(found)
          return true
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`no matching e-mail within ${timeoutMs} ms (${messages.length} received: ${messages.map((m) => `${m.to.join(',')} "${m.subject}"`).join('; ')})`))
        }, timeoutMs)
        if (!check()) waiters.add(check)
      })
    },
    config: (from = 'Tessera Test <mail@tessera.test>') => ({
      host: '127.0.0.1', port, secure: false as const, from, timeoutMs: 2000,
      ...(options.user !== undefined ? { user: options.user, password: options.password } : {}),
    }),
    stop,
    start: () => (server ? Promise.resolve() : listen()),
    close: stop,
  }
}
