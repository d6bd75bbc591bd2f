/**
 * `<tz-create-tenant-dialog>`: the "New tenant" dialog: name and slug (the slug follows the name until edited),
 * checked here for shape, then by the server; a 400's field errors appear under the matching input and any
 * other problem (e.g. 409 slug taken) appears above the form. Fires `tz-created` with the new tenant.
 */
import { LitElement, html, nothing, css } from 'lit'
import { ProblemError, baseStyles } from '@tessera/ui-kit'
import type { Problem } from '@tessera/ui-kit'
import { createTenant } from './admin-api.ts'

const slugPattern = /^[a-z][a-z0-9-]{1,62}$/

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^[^a-z]+/, '')
    .slice(0, 63)
}

export class TzCreateTenantDialog extends LitElement {
  static styles = [
    baseStyles,
    css`
      form {
        display: flex;
        flex-direction: column;
        gap: var(--tz-space-4);
      }
    `,
  ]
  static properties = {
    open: { type: Boolean },
    name: { state: true },
    slug: { state: true },
    slugEdited: { state: true },
    busy: { state: true },
    problem: { state: true },
    fieldErrors: { state: true },
  }

  declare open: boolean
  declare name: string
  declare slug: string
  declare slugEdited: boolean
  declare busy: boolean
  declare problem: Problem | null
  declare fieldErrors: Record<string, string>

  constructor() {
    super()
    this.open = false
    this.reset()
  }

  private reset(): void {
    this.name = ''
    this.slug = ''
    this.slugEdited = false
    this.busy = false
    this.problem = null
    this.fieldErrors = {}
  }

  private validate(): boolean {
    const errors: Record<string, string> = {}
    if (!this.name.trim()) errors.name = 'Enter a name.'
    if (!this.slug) errors.slug = 'Enter a slug.'
    else if (!slugPattern.test(this.slug)) {
      errors.slug = 'Use 2–63 lowercase letters, digits and hyphens, starting with a letter.'
    }
    this.fieldErrors = errors
    return Object.keys(errors).length === 0
  }

  private async submit(event?: Event): Promise<void> {
    event?.preventDefault()
    if (this.busy || !this.validate()) return
    this.busy = true
    this.problem = null
    try {
      const tenant = await createTenant({ slug: this.slug, name: this.name.trim() })
      this.dispatchEvent(new CustomEvent('tz-created', { detail: tenant, bubbles: true, composed: true }))
      this.close()
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error
      const fields: Record<string, string> = {}
      const rest = []
      for (const e of error.problem.errors ?? []) {
        const key = e.pointer.replace(/^\//, '')
        if (key === 'slug' || key === 'name') fields[key] = e.detail.charAt(0).toUpperCase() + e.detail.slice(1)
        else rest.push(e)
      }
      this.fieldErrors = fields
      this.problem = { ...error.problem, errors: rest }
    } finally {
      this.busy = false
    }
  }

  private close(): void {
    this.open = false
    this.reset()
    this.dispatchEvent(new CustomEvent('tz-close', { bubbles: true, composed: true }))
  }

  render() {
    return html`<tz-dialog
      .open=${this.open}
      heading="New tenant"
      description="A tenant is one business using this deployment: its own members, spaces and plugins."
      @tz-close=${(e: Event) => {
        e.stopPropagation()
        if (this.open) this.close()
      }}
    >
      <form novalidate @submit=${this.submit}>
        ${this.problem ? html`<tz-alert variant="danger" .problem=${this.problem}></tz-alert>` : nothing}
        <tz-text-field
          label="Name"
          required
          autofocus
          placeholder="Harbour Works"
          .value=${this.name}
          .error=${this.fieldErrors.name ?? ''}
          @input=${(e: Event) => {
            this.name = (e.target as HTMLInputElement).value
            if (!this.slugEdited) this.slug = slugify(this.name)
            this.fieldErrors = { ...this.fieldErrors, name: '' }
          }}
        ></tz-text-field>
        <tz-text-field
          label="Slug"
          required
          help="Used in URLs and the CLI. Lowercase letters, digits and hyphens."
          placeholder="harbour-works"
          .value=${this.slug}
          .error=${this.fieldErrors.slug ?? ''}
          @input=${(e: Event) => {
            this.slug = (e.target as HTMLInputElement).value
            this.slugEdited = true
            this.fieldErrors = { ...this.fieldErrors, slug: '' }
          }}
        ></tz-text-field>
      </form>
      <tz-button slot="footer" @click=${this.close}>Cancel</tz-button>
      <tz-button slot="footer" variant="primary" ?loading=${this.busy} @click=${() => this.submit()}>Create tenant</tz-button>
    </tz-dialog>`
  }
}

customElements.define('tz-create-tenant-dialog', TzCreateTenantDialog)
