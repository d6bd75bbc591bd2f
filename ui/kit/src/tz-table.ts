/**
 * `<tz-table>`: a data table in a card: column headers, rows, a loading state, an empty state, and (when
 * `total` is set) pagination controls underneath.
 *
 * Properties: `columns` (`{ key, label, align?, width?, render?(row) }[]`; without `render` the cell shows
 * `row[key]`), `rows`, `rowKey` (stable identity for re-rendering, default `row.id` or the index), `loading`,
 * `caption` (the table's accessible name), `emptyHeading`, `emptyDescription`, `total`, `limit`, `offset`.
 * Events: `tz-page` (from the pagination, `detail: { offset, limit }`). Slot `empty`: replaces the default
 * empty state (e.g. to add a "Create" button).
 *
 * On a narrow width (the table's own, under 560 px: a phone) each row is shown as a card of label/value lines instead
 * of columns that would scroll sideways; a column with an empty label (actions) shows its cells without a label.
 *
 * Cell templates render inside this element's shadow root, so styles of the page that owns the table do not
 * reach them. Use these classes in `render()` output instead: `cell-title` (emphasised text), `cell-sub`
 * (secondary line), `cell-mono` (ids, versions), `cell-muted`, `cell-danger` (an error line), `cell-actions`
 * (a row of buttons), `cell-tags` (a wrap of badges). Links in cells are styled as accent links.
 */
import { LitElement, css, html, nothing } from 'lit'
import type { TemplateResult } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import { baseStyles } from './base-styles.ts'
import './tz-empty-state.ts'
import './tz-pagination.ts'
import './tz-spinner.ts'

export interface TableColumn<Row = Record<string, unknown>> {
  key: string
  label: string
  align?: 'left' | 'right' | 'center'
  width?: string
  render?: (row: Row) => TemplateResult | string | number | typeof nothing
}

export class TzTable<Row = Record<string, unknown>> extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .card {
        background: var(--tz-color-surface);
        border: 1px solid var(--tz-color-border);
        border-radius: var(--tz-radius-lg);
        box-shadow: var(--tz-shadow-xs);
        overflow: hidden;
      }
      .scroll {
        overflow-x: auto;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: var(--tz-text-md);
      }
      caption {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0, 0, 0, 0);
      }
      th {
        text-align: left;
        font-size: var(--tz-text-xs);
        font-weight: var(--tz-weight-medium);
        text-transform: uppercase;
        letter-spacing: 0.04em;
        color: var(--tz-color-text-subtle);
        background: var(--tz-color-surface-subtle);
        padding: 10px var(--tz-space-4);
        border-bottom: 1px solid var(--tz-color-border);
        white-space: nowrap;
      }
      td {
        padding: 12px var(--tz-space-4);
        border-bottom: 1px solid var(--tz-color-border);
        vertical-align: middle;
      }
      tbody tr:last-child td {
        border-bottom: none;
      }
      tbody tr:hover td {
        background: var(--tz-color-surface-subtle);
      }
      .right {
        text-align: right;
      }
      td a {
        color: var(--tz-color-accent-text);
        font-weight: var(--tz-weight-medium);
        text-decoration: none;
      }
      td a:hover {
        text-decoration: underline;
      }
      .cell-title {
        font-weight: var(--tz-weight-semibold);
        color: var(--tz-color-text);
      }
      .cell-sub {
        margin-top: 2px;
        font-size: var(--tz-text-sm);
        color: var(--tz-color-text-muted);
        max-width: 56ch;
      }
      .cell-mono {
        font-family: var(--tz-font-mono);
        font-size: var(--tz-text-sm);
        color: var(--tz-color-text-muted);
      }
      .cell-muted {
        color: var(--tz-color-text-subtle);
      }
      .cell-danger {
        margin-top: var(--tz-space-2);
        font-size: var(--tz-text-sm);
        color: var(--tz-color-danger-text);
        max-width: 60ch;
      }
      .cell-actions {
        display: inline-flex;
        gap: var(--tz-space-2);
        justify-content: flex-end;
        flex-wrap: nowrap;
      }
      .cell-tags {
        display: flex;
        gap: var(--tz-space-1);
        flex-wrap: wrap;
      }
      td tz-alert {
        margin-top: var(--tz-space-2);
        max-width: 60ch;
      }
      .center {
        text-align: center;
      }
      .loading {
        display: flex;
        align-items: center;
        justify-content: center;
        gap: var(--tz-space-2);
        padding: var(--tz-space-10);
        color: var(--tz-color-text-subtle);
      }
      .footer {
        padding: 10px var(--tz-space-4);
        border-top: 1px solid var(--tz-color-border);
      }
      table[aria-busy='true'] tbody {
        opacity: 0.55;
      }
      /* a narrow table (a phone, 390 px): each row becomes a card of "label  value" lines, nothing scrolls sideways */
      .card {
        container-type: inline-size;
      }
      @container (max-width: 560px) {
        thead {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip: rect(0, 0, 0, 0);
        }
        table,
        tbody,
        tr,
        td {
          display: block;
        }
        tbody tr {
          padding: var(--tz-space-2) 0;
          border-bottom: 1px solid var(--tz-color-border);
        }
        tbody tr:last-child {
          border-bottom: none;
        }
        td {
          display: grid;
          grid-template-columns: minmax(84px, 34%) minmax(0, 1fr);
          gap: var(--tz-space-3);
          align-items: baseline;
          padding: 6px var(--tz-space-4);
          border-bottom: none;
          text-align: left;
          overflow-wrap: anywhere;
        }
        td::before {
          content: attr(data-label);
          font-size: var(--tz-text-xs);
          font-weight: var(--tz-weight-medium);
          text-transform: uppercase;
          letter-spacing: 0.04em;
          color: var(--tz-color-text-subtle);
        }
        td[data-label=''] {
          grid-template-columns: minmax(0, 1fr);
        }
        td[data-label='']::before {
          display: none;
        }
        .cell-actions {
          flex-wrap: wrap;
          justify-content: flex-start;
        }
      }
    `,
  ]
  static properties = {
    columns: { attribute: false },
    rows: { attribute: false },
    rowKey: { attribute: false },
    loading: { type: Boolean },
    caption: { type: String },
    emptyHeading: { type: String, attribute: 'empty-heading' },
    emptyDescription: { type: String, attribute: 'empty-description' },
    total: { type: Number },
    limit: { type: Number },
    offset: { type: Number },
  }

  declare columns: TableColumn<Row>[]
  declare rows: Row[]
  declare rowKey: ((row: Row, index: number) => unknown) | undefined
  declare loading: boolean
  declare caption: string
  declare emptyHeading: string
  declare emptyDescription: string
  declare total: number | undefined
  declare limit: number
  declare offset: number

  constructor() {
    super()
    this.columns = []
    this.rows = []
    this.loading = false
    this.caption = ''
    this.emptyHeading = 'Nothing here yet'
    this.emptyDescription = ''
    this.limit = 20
    this.offset = 0
  }

  private key(row: Row, index: number): unknown {
    if (this.rowKey) return this.rowKey(row, index)
    const id = (row as { id?: unknown }).id
    return id ?? index
  }

  private cell(column: TableColumn<Row>, row: Row): unknown {
    if (column.render) return column.render(row)
    const value = (row as Record<string, unknown>)[column.key]
    return value === null || value === undefined ? '—' : String(value)
  }

  render() {
    const firstLoad = this.loading && this.rows.length === 0
    const empty = !this.loading && this.rows.length === 0
    return html`<div class="card">
      <div class="scroll">
        <table aria-busy=${this.loading ? 'true' : 'false'}>
          ${this.caption ? html`<caption>${this.caption}</caption>` : nothing}
          <thead>
            <tr>
              ${this.columns.map(
                (c) => html`<th scope="col" class=${c.align ?? ''} style=${c.width ? `width:${c.width}` : nothing}>
                  ${c.label}
                </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${repeat(
              this.rows,
              (row, i) => this.key(row, i),
              (row) => html`<tr>
                ${this.columns.map((c) => html`<td class=${c.align ?? ''} data-label=${c.label}>${this.cell(c, row)}</td>`)}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${firstLoad ? html`<div class="loading"><tz-spinner></tz-spinner> Loading…</div>` : nothing}
      ${empty
        ? html`<slot name="empty"
            ><tz-empty-state heading=${this.emptyHeading} description=${this.emptyDescription}></tz-empty-state
          ></slot>`
        : nothing}
      ${this.total !== undefined && this.total > 0
        ? html`<div class="footer">
            <tz-pagination
              .total=${this.total}
              .limit=${this.limit}
              .offset=${this.offset}
              ?disabled=${this.loading}
            ></tz-pagination>
          </div>`
        : nothing}
    </div>`
  }
}

customElements.define('tz-table', TzTable)

declare global {
  interface HTMLElementTagNameMap {
    'tz-table': TzTable
  }
}
