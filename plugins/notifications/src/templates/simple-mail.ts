/**
 * Most e-mails are a greeting, a few paragraphs and at most one action link: `simpleMail` renders that shape once as
 * plain text and as HTML (escaped), so a template states its words once.
 */
import { html } from '../contract/mail-html.ts'
import type { RenderedMail } from '../contract/notification-templates.ts'
import { button } from '../domain/mail-format.ts'

/** The words of a simple e-mail. */
export interface SimpleMail {
  subject: string
  /** "Hello Ann," */
  greeting: string
  paragraphs: string[]
  action?: { label: string; href: string }
  /** Paragraphs after the action (e.g. the link's expiry). */
  after?: string[]
}

/** Plain text and HTML of `m`. */
export function simpleMail(m: SimpleMail): RenderedMail {
  const after = m.after ?? []
  const text = [
    m.greeting, '',
    ...m.paragraphs.flatMap((p) => [p, '']),
    ...(m.action ? [`${m.action.label}: ${m.action.href}`, ''] : []),
    ...after.flatMap((p) => [p, '']),
  ].join('\n')
  const body = html`<p>${m.greeting}</p>${m.paragraphs.map((p) => html`<p>${p}</p>`)}${m.action ? button(m.action.href, m.action.label) : ''}${after.map((p) => html`<p style="color:#6b7085;font-size:13px">${p}</p>`)}`
  return { subject: m.subject, text, html: body }
}

/** "Hello Ann," (the first name when there is one). */
export const hello = (name: string) => `Hello ${name.trim().split(/\s+/)[0] || 'there'},`

/** A string field of template data ('' when absent). */
export const str = (data: Record<string, unknown>, key: string): string => (typeof data[key] === 'string' ? (data[key] as string) : '')
