/**
 * What the calendar's day grid and week grid share: the table's styles (sticky headings, hatched closed cells, past
 * cells greyed, free cells as buttons, bookings as buttons with a bottom edge to resize, the drag preview and the
 * current-time line), how one booking block and the names on a desk cell read, and where "now" is on a column.
 */
import { css, html, nothing } from 'lit'
import { localTime } from './time.ts'
import type { Booking } from '../src/contract/index.ts'
import type { RowPoint } from './grid-geometry.ts'

/** Row length in minutes. */
export const SLOT = 30
/** Statuses that hold the slot (shown as blocks). */
export const ACTIVE = new Set(['confirmed', 'checked_in'])

export const gridStyles = css`
  .grid-wrap { position: relative; overflow: auto; border: 1px solid var(--tz-color-border); border-radius: var(--tz-radius-lg); background: var(--tz-color-surface); max-height: calc(100vh - 260px); }
  table { border-collapse: separate; border-spacing: 0; width: 100%; table-layout: fixed; }
  th, td { border-bottom: 1px solid var(--tz-color-border); border-right: 1px solid var(--tz-color-border); padding: 0; height: 30px; vertical-align: top; }
  thead th { position: sticky; top: 0; z-index: 3; background: var(--tz-color-surface-subtle); font-size: var(--tz-text-sm); text-align: left; padding: var(--tz-space-2) var(--tz-space-3); height: auto; }
  thead th .sub { display: block; font-weight: 400; color: var(--tz-color-text-muted); font-size: var(--tz-text-xs); }
  th.time { width: 72px; font-family: var(--tz-font-mono); font-size: var(--tz-text-xs); color: var(--tz-color-text-muted); font-weight: 400; text-align: right; padding: 2px var(--tz-space-2) 0; }
  thead th.time { z-index: 4; }
  td.closed { background: repeating-linear-gradient(135deg, var(--tz-color-surface-subtle) 0 6px, var(--tz-color-surface) 6px 12px); }
  td.past { background: var(--tz-color-surface-subtle); }
  td.past button.free { cursor: not-allowed; }
  button.free { all: unset; box-sizing: border-box; display: block; width: 100%; height: 100%; min-height: 29px; cursor: pointer; color: var(--tz-color-text-subtle); font-size: var(--tz-text-xs); padding: 0 var(--tz-space-2); touch-action: none; }
  button.free:hover:not([disabled]) { background: var(--tz-color-accent-subtle, #eef); color: var(--tz-color-accent); }
  button.free:focus-visible { outline: none; box-shadow: var(--tz-focus-ring); }
  button.free[disabled] { cursor: default; }
  .block { all: unset; position: relative; display: block; margin: 2px; height: calc(100% - 4px); min-height: 24px; box-sizing: border-box; border-radius: var(--tz-radius-md); padding: 4px var(--tz-space-2) 8px; background: var(--tz-color-accent); color: white; font-size: var(--tz-text-xs); overflow: hidden; line-height: 1.35; cursor: grab; width: calc(100% - 4px); touch-action: none; }
  .block:focus-visible { outline: none; box-shadow: var(--tz-focus-ring); }
  .sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; }
  .block.checked_in { background: var(--tz-color-success, #067647); cursor: pointer; }
  .block.past { opacity: 0.55; cursor: pointer; }
  .block strong { display: block; font-size: var(--tz-text-sm); }
  .block .resize { position: absolute; left: 0; right: 0; bottom: 0; height: 7px; cursor: ns-resize; }
  .block .resize::after { content: ''; position: absolute; left: 50%; bottom: 2px; width: 18px; margin-left: -9px; height: 2px; border-radius: 1px; background: rgb(255 255 255 / 0.7); }
  .seats { display: flex; align-items: center; gap: var(--tz-space-2); height: 100%; }
  .desk { position: relative; }
  .names { position: absolute; top: 3px; right: 3px; left: 64px; display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 2px; max-height: 24px; overflow: hidden; pointer-events: none; }
  .names .name { all: unset; font-size: var(--tz-text-xs); background: var(--tz-color-accent-subtle, #eef); color: var(--tz-color-accent); border-radius: var(--tz-radius-sm); padding: 0 4px; cursor: pointer; max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; touch-action: none; pointer-events: auto; line-height: 16px; }
  .names .name.checked_in { background: var(--tz-color-success-subtle, #ecfdf3); color: var(--tz-color-success-text, #05603a); }
  .names .name:focus-visible { outline: none; box-shadow: var(--tz-focus-ring); }
  .drag-preview { position: absolute; z-index: 2; pointer-events: none; border: 2px dashed var(--tz-color-accent); background: rgb(21 94 239 / 0.08); border-radius: var(--tz-radius-md); box-sizing: border-box; }
  .now-line { position: absolute; z-index: 2; pointer-events: none; height: 0 !important; border-top: 2px solid var(--tz-color-danger, #b42318); }
  .now-line::before { content: ''; position: absolute; left: -5px; top: -6px; width: 10px; height: 10px; border-radius: 50%; background: var(--tz-color-danger, #b42318); }
`

/** Who a booking is on screen: its title, else the person's name, else "Booked". */
export const whoOf = (b: Booking, names: Record<string, string>) => b.title || names[b.personId] || 'Booked'

/**
 * A booking as a block: who and the local time range; a button that opens the booking (`open`), draggable while it
 * can still move, with a bottom edge to resize while it has not ended.
 */
export function bookingBlock(b: Booking, names: Record<string, string>, timeZone: string, open: (b: Booking) => void) {
  const who = whoOf(b, names)
  const range = `${localTime(b.startsAt, timeZone)}–${localTime(b.endsAt, timeZone)}`
  const ended = Date.parse(b.endsAt) <= Date.now()
  // named by what it shows (WCAG 2.5.3: the visible text is part of the name), then what pressing it does
  return html`<button type="button" class=${`block ${b.status}${ended ? ' past' : ''}`} title=${`${who}, ${range}`} data-booking=${b.id}
    @click=${() => open(b)}>
    <strong>${who}</strong> ${range}${b.title && names[b.personId] ? html`<br />${names[b.personId]}` : nothing}<span class="sr-only">, open booking</span>
    ${ended ? nothing : html`<span class="resize" data-booking=${b.id} aria-hidden="true"></span>`}</button>`
}

/** The names on a desk cell (staff see who sits there), each opening that booking. */
export function deskNames(bookings: Booking[], names: Record<string, string>, timeZone: string, open: (b: Booking) => void) {
  if (!bookings.length) return nothing
  return html`<div class="names">${bookings.map((b) => {
    const who = whoOf(b, names)
    return html`<button type="button" class=${`name ${b.status}`} data-booking=${b.id} title=${`${who}, ${localTime(b.startsAt, timeZone)}–${localTime(b.endsAt, timeZone)}`}
      aria-label=${`${who}, ${localTime(b.startsAt, timeZone)}–${localTime(b.endsAt, timeZone)}. Open booking`} @click=${() => open(b)}>${who}</button>`
  })}</div>`
}

/** Rows a block starting at row `index` covers: it runs on while the next rows start before the booking ends. */
export function rowSpan(rows: readonly { startsAt: number }[], index: number, endsAt: number): number {
  let span = 1
  while (index + span < rows.length && rows[index + span].startsAt < endsAt) span++
  return span
}

/** Where `now` falls on a column's rows (row and fraction of it), or null when it is not on them. */
export function nowPoint(rows: readonly { startsAt: number; endsAt: number }[], now: number): RowPoint | null {
  const row = rows.findIndex((r) => r.startsAt <= now && now < r.endsAt)
  return row < 0 ? null : { row, frac: (now - rows[row].startsAt) / (rows[row].endsAt - rows[row].startsAt) }
}

/**
 * The first instant from row `index` on at which a new booking of a resource must end: the start of the first row that
 * is closed or has no seat left (`full`), else `closing`.
 */
export function bookableUntil(rows: readonly { startsAt: number; open: boolean }[], index: number, full: (row: number) => boolean, closing: number): number {
  for (let i = index + 1; i < rows.length; i++) if (!rows[i].open || full(i)) return Math.min(rows[i].startsAt, closing)
  return closing
}
