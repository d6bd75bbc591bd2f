/**
 * Text forms of opening hours and closures for the location form (pure functions, tested without a browser):
 * a day is "08:00-12:00, 13:00-18:00" (empty = closed); closures are one per line,
 * "2030-12-24 to 2030-12-26 Christmas" or "2030-05-01 May Day".
 */
import type { Interval } from '../src/contract/index.ts'

export interface Closure { from: string; to: string; reason?: string }

/** Parses a day's intervals; returns an error message instead when it cannot. */
export function parseDay(text: string): Interval[] | string {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean)
  const out: Interval[] = []
  for (const part of parts) {
    const m = /^(\d{1,2}):?(\d{2})\s*[-–]\s*(\d{1,2}):?(\d{2})$/.exec(part)
    if (!m) return `Write times like 08:00-18:00 ("${part}" is not).`
    const from = `${m[1].padStart(2, '0')}:${m[2]}`
    const to = `${m[3].padStart(2, '0')}:${m[4]}`
    if (Number(m[1]) > 24 || Number(m[3]) > 24 || Number(m[2]) > 59 || Number(m[4]) > 59 || (to > '24:00')) return `${part}: not a time of day.`
    if (from >= to) return `${part}: the end must be after the start.`
    const previous = out[out.length - 1]
    if (previous && from < previous.to) return `${part}: intervals must be in order and not overlap.`
    out.push({ from, to })
  }
  return out
}

/** "08:00-12:00, 13:00-18:00" of a day's intervals ("" for closed). */
export function formatDayInput(intervals: Interval[] | undefined): string {
  return (intervals ?? []).map((i) => `${i.from}-${i.to}`).join(', ')
}

const DATE = String.raw`(\d{4}-\d{2}-\d{2})`
const LINE = new RegExp(String.raw`^${DATE}(?:\s*(?:to|–|-|—)\s*${DATE})?(?:\s+(.*))?$`)

/** Parses closures, one per line; returns `{ error, line }` for the first line it cannot read. */
export function parseClosures(text: string): Closure[] | { error: string; line: number } {
  const out: Closure[] = []
  const lines = text.split('\n')
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim()
    if (!line) continue
    const m = LINE.exec(line)
    if (!m || Number.isNaN(Date.parse(m[1])) || (m[2] && Number.isNaN(Date.parse(m[2])))) {
      return { error: `Line ${i + 1}: write "2030-12-24 to 2030-12-26 Christmas" or "2030-05-01 reason".`, line: i + 1 }
    }
    const closure: Closure = { from: m[1], to: m[2] ?? m[1] }
    if (closure.to < closure.from) return { error: `Line ${i + 1}: the last day is before the first.`, line: i + 1 }
    if (m[3]?.trim()) closure.reason = m[3].trim()
    out.push(closure)
  }
  return out.sort((a, b) => a.from.localeCompare(b.from))
}

/** The text form of closures (inverse of {@link parseClosures}). */
export function formatClosures(closures: Closure[] | undefined): string {
  return (closures ?? []).map((c) => `${c.from}${c.to !== c.from ? ` to ${c.to}` : ''}${c.reason ? ` ${c.reason}` : ''}`).join('\n')
}
