/**
 * What the calendar's day grid and week grid share: the table's styles (sticky headings, hatched closed cells, free
 * cells as buttons, bookings as blocks) and how one booking block reads.
 */
import { css, html, nothing } from 'lit'
import { localTime } from './time.ts'
import type { Booking } from '../src/contract/index.ts'

/** Row length in minutes. */
export const SLOT = 30
/** Statuses that hold the slot (shown as blocks). */
export const ACTIVE = new Set(['confirmed', 'checked_in'])

export const gridStyles = css`
  .grid-wrap { overflow: auto; border: 1px solid var(--tz-color-border); border-radius: var(--tz-radius-lg); background: var(--tz-color-surface); max-height: calc(100vh - 260px); }
  table { border-collapse: separate; border-spacing: 0; width: 100%; table-layout: fixed; }
  th, td { border-bottom: 1px solid var(--tz-color-border); border-right: 1px solid var(--tz-color-border); padding: 0; height: 30px; vertical-align: top; }
  thead th { position: sticky; top: 0; z-index: 2; background: var(--tz-color-surface-subtle); font-size: var(--tz-text-sm); text-align: left; padding: var(--tz-space-2) var(--tz-space-3); height: auto; }
  thead th .sub { display: block; font-weight: 400; color: var(--tz-color-text-muted); font-size: var(--tz-text-xs); }
  th.time { width: 72px; font-family: var(--tz-font-mono); font-size: var(--tz-text-xs); color: var(--tz-color-text-muted); font-weight: 400; text-align: right; padding: 2px var(--tz-space-2) 0; }
  thead th.time { z-index: 3; }
  td.closed { background: repeating-linear-gradient(135deg, var(--tz-color-surface-subtle) 0 6px, var(--tz-color-surface) 6px 12px); }
  td.past button.free { cursor: not-allowed; }
  button.free { all: unset; box-sizing: border-box; display: block; width: 100%; height: 100%; min-height: 29px; cursor: pointer; color: var(--tz-color-text-subtle); font-size: var(--tz-text-xs); padding: 0 var(--tz-space-2); }
  button.free:hover:not([disabled]) { background: var(--tz-color-accent-subtle, #eef); color: var(--tz-color-accent); }
  button.free:focus-visible { outline: none; box-shadow: var(--tz-focus-ring); }
  button.free[disabled] { cursor: default; }
  .block { margin: 2px; height: calc(100% - 4px); box-sizing: border-box; border-radius: var(--tz-radius-md); padding: 4px var(--tz-space-2); background: var(--tz-color-accent); color: white; font-size: var(--tz-text-xs); overflow: hidden; line-height: 1.35; }
  .block.checked_in { background: var(--tz-color-success, #067647); }
  .block strong { display: block; font-size: var(--tz-text-sm); }
  .seats { display: flex; align-items: center; gap: var(--tz-space-2); height: 100%; }
`

/** A booking as a block: who (title, else the person's name, else "Booked") and the local time range. */
export function bookingBlock(b: Booking, names: Record<string, string>, timeZone: string) {
  const who = b.title || names[b.personId] || 'Booked'
  const range = `${localTime(b.startsAt, timeZone)}–${localTime(b.endsAt, timeZone)}`
  return html`<div class=${`block ${b.status}`} title=${`${who}, ${range}`} data-booking=${b.id}>
    <strong>${who}</strong>${range}${b.title && names[b.personId] ? html`<br />${names[b.personId]}` : nothing}</div>`
}

/** Rows a block starting at row `index` covers: it runs on while the next rows start before the booking ends. */
export function rowSpan(rows: readonly { startsAt: number }[], index: number, endsAt: number): number {
  let span = 1
  while (index + span < rows.length && rows[index + span].startsAt < endsAt) span++
  return span
}
