/**
 * The tenant's e-mail layout around a template's body: the logo (or the space's name) at the top, the body, and a
 * footer naming the space — for non-essential mail with "E-mail preferences" and "Unsubscribe" links. Plain text gets
 * the same footer. Inline styles only (mail clients drop `<style>` blocks).
 */
import { html } from '../contract/mail-html.ts'
import type { NotificationBrand, RenderedMail } from '../contract/notification-templates.ts'

/** What the footer links to (absent for essential mail, or without an `appUrl`). */
export interface LayoutLinks {
  unsubscribeUrl?: string
  preferencesUrl?: string
}

/** The brand of a tenant's config. */
export function brandOf(cfg: { brandName: string; logoUrl?: string; appUrl?: string }): NotificationBrand {
  return { name: cfg.brandName, logoUrl: cfg.logoUrl ?? null, appUrl: cfg.appUrl?.replace(/\/+$/, '') ?? null }
}

/** The whole message: HTML document and plain text. */
export function layout(mail: RenderedMail, brand: NotificationBrand, links: LayoutLinks): { html: string; text: string } {
  const header = brand.logoUrl
    ? html`<img src="${brand.logoUrl}" alt="${brand.name}" style="max-height:48px;max-width:220px">`
    : html`<strong style="font-size:18px">${brand.name}</strong>`
  const optional = links.unsubscribeUrl || links.preferencesUrl
  const footerLinks = optional
    ? html`<p>You receive this e-mail from ${brand.name}.
        ${links.preferencesUrl ? html`<a href="${links.preferencesUrl}" style="color:#4f46e5">E-mail preferences</a>` : ''}
        ${links.unsubscribeUrl ? html` · <a href="${links.unsubscribeUrl}" style="color:#4f46e5">Unsubscribe</a>` : ''}</p>`
    : html`<p>${brand.name}</p>`
  const doc = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${mail.subject}</title></head>
<body style="margin:0;padding:24px;background:#f5f6fa;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1f2333;line-height:1.5">
<div style="max-width:560px;margin:0 auto">
<div style="padding:8px 0 16px">${header}</div>
<div style="background:#ffffff;border:1px solid #e3e5ee;border-radius:10px;padding:24px">${mail.html}</div>
<div style="padding:16px 4px;font-size:12px;color:#6b7085">${footerLinks}</div>
</div></body></html>`
  const textFooter = [
    '',
    '—',
    brand.name,
    ...(links.preferencesUrl ? [`E-mail preferences: ${links.preferencesUrl}`] : []),
    ...(links.unsubscribeUrl ? [`Unsubscribe: ${links.unsubscribeUrl}`] : []),
  ].join('\n')
  return { html: doc.__html, text: `${mail.text.trimEnd()}\n${textFooter}\n` }
}
