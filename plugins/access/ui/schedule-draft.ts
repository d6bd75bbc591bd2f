/**
 * The weekly schedule of an access group as the setup form edits it: "at any time", or one window per weekday typed
 * as `08:00`–`18:00` (an empty day is closed). Turned into the API's `{ mon: [{ from, to }], … }` (or `null` for
 * always) and back, and summarised for the groups table ("Mon–Fri 08:00–18:00"). The API validates the times.
 */
import type { WeeklyScheduleWire } from '../src/contract/index.ts'

type Day = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'

/** The weekdays in order with their short names. */
export const weekdays: Array<[Day, string]> = [['mon', 'Mon'], ['tue', 'Tue'], ['wed', 'Wed'], ['thu', 'Thu'], ['fri', 'Fri'], ['sat', 'Sat'], ['sun', 'Sun']]

/** The form's state. */
export interface ScheduleDraft {
  always: boolean
  days: Record<Day, { from: string; to: string }>
}

/** The draft of a stored schedule (`null`: always). A day with several windows shows its first. */
export function emptySchedule(schedule: WeeklyScheduleWire | null): ScheduleDraft {
  const days = Object.fromEntries(weekdays.map(([d]) => {
    const first = schedule ? (schedule as Record<Day, { from: string; to: string }[] | undefined>)[d]?.[0] : undefined
    return [d, { from: first?.from ?? '', to: first?.to ?? '' }]
  })) as ScheduleDraft['days']
  return { always: schedule === null, days }
}

/** The API's schedule of a draft. */
export function scheduleFromDraft(draft: ScheduleDraft): WeeklyScheduleWire {
  if (draft.always) return null
  const out: Partial<Record<Day, { from: string; to: string }[]>> = {}
  for (const [d] of weekdays) {
    const { from, to } = draft.days[d]
    if (from.trim() || to.trim()) out[d] = [{ from: from.trim(), to: to.trim() }]
  }
  return out as WeeklyScheduleWire
}

/** "At any time", "Closed", or the days and hours: `Mon–Fri 08:00–18:00, Sat 10:00–14:00`. */
export function scheduleSummary(schedule: WeeklyScheduleWire | null): string {
  if (schedule === null) return 'At any time'
  const parts: { days: string[]; hours: string }[] = []
  for (const [d, label] of weekdays) {
    const windows = (schedule as Record<Day, { from: string; to: string }[] | undefined>)[d]
    if (!windows?.length) continue
    const hours = windows.map((w) => `${w.from}–${w.to}`).join(', ')
    const last = parts[parts.length - 1]
    const previous = weekdays[weekdays.findIndex(([x]) => x === d) - 1]?.[1]
    if (last && last.hours === hours && last.days[last.days.length - 1] === previous) last.days.push(label)
    else parts.push({ days: [label], hours })
  }
  if (!parts.length) return 'Closed'
  return parts.map((p) => `${p.days.length > 2 ? `${p.days[0]}–${p.days[p.days.length - 1]}` : p.days.join(', ')} ${p.hours}`).join('; ')
}
