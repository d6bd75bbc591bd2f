/**
 * `PagedList<Row>`: the list part the shell's admin screens share (users and roles, API tokens, the audit log, the
 * operator's tenants) — a Lit reactive controller holding one page of rows, the total, the offset, whether it is
 * loading and whether the last load failed (the failure is toasted, and the table's empty state says the rows could
 * not be loaded rather than that there are none); an older answer never overwrites a newer one. `table()` renders the
 * `<tz-table>` wired to it (paging included) and `act()` is a row action confirmed in the app's own dialog first.
 *
 * ```ts
 * private readonly list = new PagedList(this, { limit: 50, load: (limit, offset) => listTokens(limit, offset) })
 * render() { return this.list.table({ caption: 'API tokens', columns: this.columns, empty: { heading: 'No API tokens yet' } }) }
 * ```
 */
import { html } from 'lit'
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit'
import { confirmAction, toast } from '@tessera/ui-kit'
import type { ConfirmOptions, TableColumn } from '@tessera/ui-kit'

/** One page of rows as the kernel's list routes answer it (`{ items, total }`, perhaps with more). */
export interface ListPage<Row> {
  items: Row[]
  total: number
}

/** What a {@link PagedList} loads, and when. */
export interface PagedListOptions<Page> {
  /** Rows a page. */
  limit: number
  /** Loads the page at `offset` (the screen adds its own search or filters). */
  load: (limit: number, offset: number) => Promise<Page>
  /** Load when the element connects (default true); otherwise the screen calls `reload()` when it is ready. */
  loadOnConnect?: boolean
}

/** An empty state: its heading and, optionally, a line under it. */
export interface EmptyState {
  heading: string
  description?: string
}

/** What {@link PagedList.table} shows around the rows. */
export interface PagedTableOptions<Row> {
  /** The table's accessible name. */
  caption: string
  columns: TableColumn<Row>[]
  /** Shown when the page has no rows. */
  empty: EmptyState
  /** Shown instead of `empty` when the last load failed (default: "Nothing could be loaded" with "Try again in a moment."). */
  failed?: EmptyState
  /** Where a page change goes (default: load that page; a screen that keeps the page in the URL navigates instead). */
  onPage?: (offset: number) => void
}

/** One page of a list screen's rows (see the module comment). */
export class PagedList<Row, Page extends ListPage<Row> = ListPage<Row>> implements ReactiveController {
  /** The rows of the current page. */
  items: Row[] = []
  /** How many rows there are in all. */
  total = 0
  /** Where the current page starts. */
  offset = 0
  /** Whether a load is running. */
  loading = true
  /** The error of the last load, or null when it succeeded. */
  failed: unknown = null
  /** The last answer as it came (for what a page carries besides its rows). */
  page: Page | null = null
  readonly limit: number
  private readonly host: ReactiveControllerHost
  private readonly options: PagedListOptions<Page>
  private loads = 0

  constructor(host: ReactiveControllerHost, options: PagedListOptions<Page>) {
    this.host = host
    this.options = options
    this.limit = options.limit
    host.addController(this)
  }

  hostConnected(): void {
    if (this.options.loadOnConnect ?? true) void this.reload()
  }

  /** Loads the page at the current offset; a failure is toasted and kept in `failed`. */
  async reload(): Promise<void> {
    const load = ++this.loads
    this.loading = true
    this.host.requestUpdate()
    try {
      const page = await this.options.load(this.limit, this.offset)
      if (load !== this.loads) return
      this.page = page
      this.items = page.items
      this.total = page.total
      this.failed = null
    } catch (error) {
      if (load !== this.loads) return
      this.failed = error
      toast(error)
    } finally {
      if (load === this.loads) {
        this.loading = false
        this.host.requestUpdate()
      }
    }
  }

  /** Loads the page starting at `offset`. */
  goTo(offset: number): Promise<void> {
    this.offset = offset
    return this.reload()
  }

  /**
   * A row action: asks `confirm` in the app's dialog, then runs `run`, says `done` in a success toast and loads the
   * page again; a refusal of the server is toasted in words. Resolves whether the action ran and succeeded.
   */
  async act(confirm: ConfirmOptions, run: () => Promise<unknown>, done: string): Promise<boolean> {
    if (!(await confirmAction(confirm))) return false
    try {
      await run()
    } catch (error) {
      toast(error)
      return false
    }
    toast({ variant: 'success', message: done })
    await this.reload()
    return true
  }

  /** The `<tz-table>` of this list: rows, loading, paging and the empty (or failed) state. */
  table(options: PagedTableOptions<Row>): TemplateResult {
    const empty = this.failed ? (options.failed ?? { heading: 'Nothing could be loaded', description: 'Try again in a moment.' }) : options.empty
    const onPage = options.onPage ?? ((offset: number) => void this.goTo(offset))
    return html`<tz-table caption=${options.caption} .columns=${options.columns} .rows=${this.items} ?loading=${this.loading}
      .total=${this.total} .limit=${this.limit} .offset=${this.offset}
      @tz-page=${(e: CustomEvent<{ offset: number }>) => onPage(e.detail.offset)}
      empty-heading=${empty.heading} empty-description=${empty.description ?? ''}></tz-table>`
  }
}
