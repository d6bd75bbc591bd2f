/**
 * Writing a template's HTML safely: `html\`<p>Hello ${name}</p>\`` escapes every interpolated value (a nested `html`
 * result or an array of them is kept as markup), so a person's name can never inject markup into an e-mail.
 */

/** Markup that is already safe (the result of {@link html}). @public */
export interface SafeHtml {
  /** The markup. */
  readonly __html: string
  /** The markup, for string contexts. */
  toString(): string
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** `value` with `& < > " '` escaped. @public */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

function isSafe(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && typeof (value as SafeHtml).__html === 'string'
}

function part(value: unknown): string {
  if (Array.isArray(value)) return value.map(part).join('')
  if (isSafe(value)) return value.__html
  if (value === null || value === undefined || value === false) return ''
  return escapeHtml(value)
}

/** A tagged template that escapes its values. @public */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? ''
  for (let i = 0; i < values.length; i++) out += part(values[i]) + (strings[i + 1] ?? '')
  return { __html: out, toString: () => out }
}
