/**
 * `GridDrag`: pointer dragging on a calendar grid (a Lit reactive controller). Three gestures, each shown as a preview
 * box while the pointer moves and handed to the host when it is released:
 *
 * - **drag to book**: press on a free cell (`button.free[data-col][data-row]`) and drag down or up its column → `book`;
 * - **drag to move**: press on a booking (`[data-booking]`) and drag it to another time or column → `move` (the same
 *   length; the row under the pointer keeps its place in the booking);
 * - **resize**: press on a booking's bottom edge (`.resize[data-booking]`) and drag → `resize` (its new end).
 *
 * A press released where it started is a click (the cell's or block's own click handler runs: the book dialog, the
 * booking panel — so keyboards do all of this too); after a real drag the click that follows is swallowed. The host
 * says what a cell is (`slotAt`) and confirms every change itself (the book dialog, `bookings-change-dialog`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { Booking } from '../src/contract/index.ts'
import { hitTest, placeBox } from './grid-geometry.ts'
import type { GridCell } from './grid-geometry.ts'

/** What a cell of the grid is. */
export interface GridSlot { resourceId: string; start: number; end: number; open: boolean }

/** What the host tells the controller and hears from it. */
export interface DragHost {
  /** The slot at a cell, or null where there is none. */
  slotAt(cell: GridCell): GridSlot | null
  /** A booking shown on the grid, by id. */
  bookingOf(id: string): Booking | undefined
  book(resourceId: string, start: number, end: number): void
  move(booking: Booking, resourceId: string, start: number, end: number): void
  resize(booking: Booking, end: number): void
}

type Gesture =
  | { kind: 'book'; anchor: GridCell; from: number; to: number }
  | { kind: 'move'; booking: Booking; grab: number; rows: number; col: number; from: number }
  | { kind: 'resize'; booking: Booking; col: number; from: number; to: number }

export class GridDrag implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement
  private readonly target: DragHost
  private gesture: Gesture | null = null
  private moved = false
  private swallowClick = false

  constructor(host: ReactiveControllerHost & HTMLElement, target: DragHost) {
    this.host = host
    this.target = target
    host.addController(this)
  }

  hostConnected(): void {
    this.root.addEventListener('pointerdown', this.onDown as EventListener)
    this.root.addEventListener('click', this.onClick, true)
  }

  hostDisconnected(): void {
    this.root.removeEventListener('pointerdown', this.onDown as EventListener)
    this.root.removeEventListener('click', this.onClick, true)
    this.stop()
  }

  private get root(): ShadowRoot | HTMLElement {
    return this.host.shadowRoot ?? this.host
  }

  private get wrap(): HTMLElement | null {
    return this.root.querySelector<HTMLElement>('.grid-wrap')
  }

  /** The row of column `col` where `booking` starts (its first row at or after the start). */
  private startRow(booking: Booking, col: number): number {
    const start = Date.parse(booking.startsAt)
    for (let row = 0; ; row++) {
      const s = this.target.slotAt({ col, row })
      if (!s) return 0
      if (s.end > start) return row
    }
  }

  private endRow(booking: Booking, col: number): number {
    const end = Date.parse(booking.endsAt)
    let row = this.startRow(booking, col)
    while (this.target.slotAt({ col, row: row + 1 }) && this.target.slotAt({ col, row: row + 1 })!.start < end) row++
    return row
  }

  private readonly onDown = (e: PointerEvent): void => {
    if (e.button !== 0 || this.gesture) return
    const path = e.composedPath() as Element[]
    const find = (selector: string) => path.find((el) => el instanceof Element && el.matches?.(selector)) as HTMLElement | undefined
    const cell = hitTest(this.root, e.clientX, e.clientY)
    if (!cell) return
    const handle = find('.resize[data-booking]')
    const block = find('[data-booking]')
    const free = find('button.free')
    if (handle || block) {
      const booking = this.target.bookingOf((handle ?? block)!.dataset.booking!)
      if (!booking || (booking.status !== 'confirmed' && !(handle && booking.status === 'checked_in'))) return
      const from = this.startRow(booking, cell.col)
      this.gesture = handle
        ? { kind: 'resize', booking, col: cell.col, from, to: this.endRow(booking, cell.col) }
        : { kind: 'move', booking, grab: cell.row - from, rows: this.endRow(booking, cell.col) - from + 1, col: cell.col, from }
    } else if (free && !free.hasAttribute('disabled')) {
      this.gesture = { kind: 'book', anchor: cell, from: cell.row, to: cell.row }
    } else return
    this.moved = false
    e.preventDefault() // no text selection while dragging
    window.addEventListener('pointermove', this.onMove)
    window.addEventListener('pointerup', this.onUp)
    window.addEventListener('pointercancel', this.onCancel)
  }

  private readonly onMove = (e: PointerEvent): void => {
    const g = this.gesture
    const cell = hitTest(this.root, e.clientX, e.clientY)
    if (!g || !cell) return
    if (g.kind === 'book') {
      g.from = Math.min(g.anchor.row, cell.row)
      g.to = Math.max(g.anchor.row, cell.row)
      this.moved ||= cell.row !== g.anchor.row
      this.show(g.anchor.col, g.from, g.to)
    } else if (g.kind === 'move') {
      const from = Math.max(0, cell.row - g.grab)
      this.moved ||= from !== g.from || cell.col !== g.col
      g.from = from
      g.col = cell.col
      this.show(g.col, g.from, g.from + g.rows - 1)
    } else {
      const to = Math.max(g.from, cell.row)
      this.moved ||= to !== g.to
      g.to = to
      this.show(g.col, g.from, g.to)
    }
  }

  private readonly onUp = (): void => {
    const g = this.gesture
    const moved = this.moved
    this.stop()
    if (!g || !moved) return
    this.swallowClick = true
    setTimeout(() => (this.swallowClick = false), 0)
    if (g.kind === 'book') {
      const slots = Array.from({ length: g.to - g.from + 1 }, (_, i) => this.target.slotAt({ col: g.anchor.col, row: g.from + i }))
      if (slots.every((s) => s?.open)) this.target.book(slots[0]!.resourceId, slots[0]!.start, slots[slots.length - 1]!.end)
    } else if (g.kind === 'move') {
      const slot = this.target.slotAt({ col: g.col, row: g.from })
      const length = Date.parse(g.booking.endsAt) - Date.parse(g.booking.startsAt)
      if (slot?.open) this.target.move(g.booking, slot.resourceId, slot.start, slot.start + length)
    } else {
      const slot = this.target.slotAt({ col: g.col, row: g.to })
      if (slot) this.target.resize(g.booking, slot.end)
    }
  }

  private readonly onCancel = (): void => this.stop()

  private readonly onClick = (e: Event): void => {
    if (!this.swallowClick) return
    this.swallowClick = false
    e.stopPropagation()
    e.preventDefault()
  }

  private show(col: number, from: number, to: number): void {
    const wrap = this.wrap
    const box = wrap?.querySelector<HTMLElement>('.drag-preview')
    if (wrap && box) placeBox(wrap, box, col, { row: from, frac: 0 }, { row: to, frac: 1 })
  }

  private stop(): void {
    this.gesture = null
    window.removeEventListener('pointermove', this.onMove)
    window.removeEventListener('pointerup', this.onUp)
    window.removeEventListener('pointercancel', this.onCancel)
    const box = this.wrap?.querySelector<HTMLElement>('.drag-preview')
    if (box) box.hidden = true
  }
}
