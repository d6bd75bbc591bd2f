/**
 * `DeskDayWidget`: the base of the bookings dashboard widgets. It takes the dashboard's `location-id`, keeps that
 * location's day current (`DeskDaySource`), shows the shared states (no location, loading, failed) and leaves the
 * body to `renderDay(day)`.
 */
import { LitElement } from 'lit'
import type { PropertyValues, TemplateResult } from 'lit'
import { widgetStyles } from '@tessera/ui-kit'
import type { DeskDay } from '../../src/contract/index.ts'
import { DeskDaySource } from './desk-day-source.ts'
import { dayState } from './widget-parts.ts'

export abstract class DeskDayWidget extends LitElement {
  static styles = [widgetStyles]
  static properties = { locationId: { attribute: 'location-id' } }
  declare locationId: string
  protected readonly source = new DeskDaySource(this)

  constructor() {
    super()
    this.locationId = ''
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locationId')) this.source.setLocation(this.locationId)
  }

  /** The widget's body for a loaded day. */
  protected abstract renderDay(day: DeskDay): TemplateResult

  render() {
    const day = this.source.day
    return day ? this.renderDay(day) : dayState(this.locationId, this.source)
  }
}
