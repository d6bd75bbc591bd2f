/**
 * `<tz-operator-tenants>`: the operator's tenant list: paginated (20 a page, `?page=` kept in the URL so Back
 * works), each tenant linking to its plugin screen, and a "New tenant" dialog.
 */
import { LitElement, html } from 'lit'
import { baseStyles, navigate, toast, formatDate } from '@tessera/ui-kit'
import type { TableColumn } from '@tessera/ui-kit'
import type { PropertyValues } from 'lit'
import { listTenants } from './admin-api.ts'
import type { AdminTenant } from './admin-api.ts'
import { pageStyles } from '../page-styles.ts'
import { PagedList } from '../settings/paged-list.ts'
import './tz-create-tenant-dialog.ts'

const limit = 20


export class TzOperatorTenants extends LitElement {
  static styles = [baseStyles, pageStyles]
  static properties = {
    search: { type: String },
    creating: { state: true },
  }

  declare search: string
  declare creating: boolean
  /** The page the address names (`?page=`), loaded whenever it changes. */
  private readonly list = new PagedList<AdminTenant>(this, { limit, load: listTenants, loadOnConnect: false })

  constructor() {
    super()
    this.search = ''
    this.creating = false
  }

  private get offset(): number {
    const page = Number(new URLSearchParams(this.search).get('page') ?? '1')
    return Number.isInteger(page) && page > 1 ? (page - 1) * limit : 0
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('search')) void this.list.goTo(this.offset)
  }

  private columns: TableColumn<AdminTenant>[] = [
    {
      key: 'name',
      label: 'Name',
      render: (t) => html`<a href=${`/operator/tenants/${encodeURIComponent(t.id)}`}>${t.name}</a>`,
    },
    { key: 'slug', label: 'Slug', render: (t) => html`<span class="cell-mono">${t.slug}</span>` },
    {
      key: 'createdAt',
      label: 'Created',
      render: (t) => html`<span class="cell-muted">${formatDate(t.createdAt)}</span>`,
    },
    {
      key: 'actions',
      label: '',
      align: 'right',
      render: (t) =>
        html`<tz-button size="sm" variant="ghost" href=${`/operator/tenants/${encodeURIComponent(t.id)}`}
          >Plugins<tz-icon name="chevron-right" size="14"></tz-icon
        ></tz-button>`,
    },
  ]

  render() {
    return html`<tz-page-header heading="Tenants" description="Every business on this deployment. Open one to choose its plugins.">
        <tz-button slot="actions" variant="primary" @click=${() => (this.creating = true)}
          ><tz-icon name="plus" size="14"></tz-icon>New tenant</tz-button
        >
      </tz-page-header>
      ${this.list.table({
        caption: 'Tenants', columns: this.columns,
        empty: { heading: 'No tenants yet', description: 'Create the first tenant to start enabling plugins.' },
        failed: { heading: 'Tenants could not be loaded', description: 'Try again in a moment.' },
        onPage: (offset) => navigate(`/operator/tenants?page=${offset / limit + 1}`),
      })}
      <tz-create-tenant-dialog
        .open=${this.creating}
        @tz-close=${() => (this.creating = false)}
        @tz-created=${(e: CustomEvent<AdminTenant>) => {
          toast({ variant: 'success', title: 'Tenant created', message: `${e.detail.name} is ready. Enable its plugins next.` })
          void this.list.reload()
        }}
      ></tz-create-tenant-dialog>`
  }
}

customElements.define('tz-operator-tenants', TzOperatorTenants)
