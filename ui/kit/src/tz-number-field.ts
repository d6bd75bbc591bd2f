/**
 * `<tz-number-field>`: a labelled number input with `min`, `max`, `step` and an `integer` mode.
 *
 * Properties: `label`, `name`, `value` (number | null; null when empty), `min`, `max`, `step`, `integer`,
 * `placeholder`, `help`, `error`, `required`, `disabled`. Events: `input`, `change`; read `event.target.value`.
 */
import { html, nothing } from 'lit'
import { ifDefined } from 'lit/directives/if-defined.js'
import { live } from 'lit/directives/live.js'
import { TzFormControl } from './form-control.ts'
import { describedBy, renderHelpAndError, renderLabel } from './field-parts.ts'

export class TzNumberField extends TzFormControl {
  static properties = {
    ...TzFormControl.properties,
    value: { type: Number },
    min: { type: Number },
    max: { type: Number },
    step: { type: Number },
    integer: { type: Boolean },
    placeholder: { type: String },
  }

  declare value: number | null
  declare min: number | undefined
  declare max: number | undefined
  declare step: number | undefined
  declare integer: boolean
  declare placeholder: string

  constructor() {
    super()
    this.value = null
    this.integer = false
    this.placeholder = ''
  }

  protected formValue(): string | null {
    return this.value === null || Number.isNaN(this.value) ? null : String(this.value)
  }

  private onInput(event: Event): void {
    const raw = (event.target as HTMLInputElement).value
    this.value = raw === '' ? null : Number(raw)
  }

  render() {
    const id = this.fieldId
    const step = this.step ?? (this.integer ? 1 : 'any')
    return html`<div class="field">
      ${renderLabel(id, this.label, this.required)}
      <input
        id=${id}
        type="number"
        inputmode=${this.integer ? 'numeric' : 'decimal'}
        name=${this.name || nothing}
        .value=${live(this.value === null || Number.isNaN(this.value) ? '' : String(this.value))}
        min=${ifDefined(this.min)}
        max=${ifDefined(this.max)}
        step=${step}
        placeholder=${this.placeholder || nothing}
        ?required=${this.required}
        ?disabled=${this.disabled}
        aria-describedby=${describedBy(id, this.help, this.error)}
        aria-invalid=${this.error ? 'true' : nothing}
        @input=${this.onInput}
        @change=${this.emitChange}
        @keydown=${this.submitOnEnter}
      />
      ${renderHelpAndError(id, this.help, this.error)}
    </div>`
  }
}

customElements.define('tz-number-field', TzNumberField)

declare global {
  interface HTMLElementTagNameMap {
    'tz-number-field': TzNumberField
  }
}
