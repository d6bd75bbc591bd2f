/**
 * One Tab stop for a calendar grid (issue 14 item 10), the WAI-ARIA grid pattern's roving tabindex: of all the grid's
 * controls — free slots, bookings, desk names — exactly one has `tabindex="0"` (the one last focused, else the first),
 * the others `-1`, so Tab enters the grid once and leaves it with the next Tab. Inside, the arrow keys move to the
 * nearest control in that direction (by position on screen, so a booking spanning rows and a desk cell with names
 * behave as they look), Home/End to the first/last of the row, Ctrl+Home/End to the first/last of the grid. Every
 * control keeps its own `:focus-visible` ring.
 */

const CONTROLS = 'tbody button:not([disabled]), tbody a[href]'

/** The roving tabindex of one grid element (the `<table>` the screen renders). */
export class GridRoving {
  #current: string | null = null

  /** After each render: one control is the Tab stop, the rest are reached with the arrow keys. */
  sync(table: HTMLTableElement | null | undefined): void {
    if (!table) return
    const controls = [...table.querySelectorAll<HTMLElement>(CONTROLS)]
    if (!controls.length) return
    const stop = controls.find((c) => keyOf(c) === this.#current) ?? controls[0]
    for (const c of controls) c.tabIndex = c === stop ? 0 : -1
  }

  /** The table's keydown handler: `@keydown=${roving.onKeydown}`. */
  readonly onKeydown = (event: KeyboardEvent): void => {
    const table = event.currentTarget as HTMLTableElement
    const from = (event.composedPath()[0] as HTMLElement | undefined)?.closest?.<HTMLElement>('button, a') ?? null
    if (!from || !table.contains(from)) return
    const controls = [...table.querySelectorAll<HTMLElement>(CONTROLS)]
    const next = pick(controls, from, event)
    if (!next) return
    event.preventDefault()
    for (const c of controls) c.tabIndex = c === next ? 0 : -1
    this.#current = keyOf(next)
    next.focus()
  }

  /** Remembers a control focused by a click or a tap, so Tab comes back to it. */
  readonly onFocusin = (event: FocusEvent): void => {
    const target = (event.composedPath()[0] as HTMLElement | undefined)?.closest?.<HTMLElement>('button, a') ?? null
    if (!target) return
    this.#current = keyOf(target)
    const table = event.currentTarget as HTMLTableElement
    for (const c of table.querySelectorAll<HTMLElement>(CONTROLS)) c.tabIndex = c === target ? 0 : -1
  }
}

/** A control's identity across renders: its booking id, or its accessible name (slot, resource and time). */
function keyOf(el: HTMLElement): string {
  return el.dataset.booking ?? el.getAttribute('aria-label') ?? el.textContent ?? ''
}

function centre(el: HTMLElement): { x: number; y: number } {
  const r = el.getBoundingClientRect()
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 }
}

/** The control the key moves to from `from`, or null (not a movement key, or nothing that way). */
function pick(controls: HTMLElement[], from: HTMLElement, event: KeyboardEvent): HTMLElement | null {
  const here = centre(from)
  const row = (el: HTMLElement) => Math.abs(centre(el).y - here.y) < 4
  switch (event.key) {
    case 'Home': return event.ctrlKey ? controls[0] ?? null : controls.filter(row)[0] ?? null
    case 'End': return event.ctrlKey ? controls[controls.length - 1] ?? null : controls.filter(row).at(-1) ?? null
    case 'ArrowUp': case 'ArrowDown': case 'ArrowLeft': case 'ArrowRight': break
    default: return null
  }
  const vertical = event.key === 'ArrowUp' || event.key === 'ArrowDown'
  const sign = event.key === 'ArrowDown' || event.key === 'ArrowRight' ? 1 : -1
  let best: HTMLElement | null = null
  let bestScore = Infinity
  for (const c of controls) {
    if (c === from) continue
    const p = centre(c)
    const along = (vertical ? p.y - here.y : p.x - here.x) * sign
    const across = Math.abs(vertical ? p.x - here.x : p.y - here.y)
    if (along <= 1) continue
    // the same column (row) first, then the nearest
    const score = across * 4 + along
    if (score < bestScore) {
      bestScore = score
      best = c
    }
  }
  return best
}
