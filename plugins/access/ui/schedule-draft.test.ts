/**
 * The group schedule form's conversions: always ↔ null, typed windows ↔ the API's weekly windows, and the summary the
 * groups table shows (consecutive days with the same hours are joined).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { emptySchedule, scheduleFromDraft, scheduleSummary } from './schedule-draft.ts'

test('a draft becomes the API schedule and back, and reads as a summary', () => {
  const draft = emptySchedule(null)
  assert.equal(draft.always, true)
  assert.equal(scheduleFromDraft(draft), null)
  draft.always = false
  for (const d of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) draft.days[d] = { from: '08:00', to: '18:00' }
  draft.days.sat = { from: '10:00', to: '14:00' }
  const wire = scheduleFromDraft(draft)
  assert.deepEqual(wire, {
    mon: [{ from: '08:00', to: '18:00' }], tue: [{ from: '08:00', to: '18:00' }], wed: [{ from: '08:00', to: '18:00' }],
    thu: [{ from: '08:00', to: '18:00' }], fri: [{ from: '08:00', to: '18:00' }], sat: [{ from: '10:00', to: '14:00' }],
  })
  assert.equal(scheduleSummary(wire), 'Mon–Fri 08:00–18:00; Sat 10:00–14:00')
  assert.deepEqual(emptySchedule(wire).days.sat, { from: '10:00', to: '14:00' })
  assert.equal(scheduleSummary(null), 'At any time')
  assert.equal(scheduleSummary({}), 'Closed')
})
