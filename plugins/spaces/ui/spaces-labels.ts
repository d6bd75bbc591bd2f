/**
 * Display labels of the spaces screens, keyed by the contract's types (a new weekday key or resource kind in the
 * contract fails the build here until it has a label), and the orders the screens list them in.
 */
import type { ResourceKind, Weekday } from '../src/contract/index.ts'

/** The name of each weekday. */
export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday',
}

/** The weekdays, Monday first. */
export const WEEKDAYS = Object.keys(WEEKDAY_NAMES) as Weekday[]

/** The label of each resource kind. */
export const KIND_LABELS: Record<ResourceKind, string> = {
  meeting_room: 'Meeting room', private_office: 'Private office', event_space: 'Event space', hot_desk_area: 'Hot-desk area',
}

/** The resource kinds, in the order the screens offer them. */
export const RESOURCE_KINDS = Object.keys(KIND_LABELS) as ResourceKind[]
