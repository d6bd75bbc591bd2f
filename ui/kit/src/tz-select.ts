/**
 * `<tz-select>`: a labelled native `<select>` (native for keyboard and screen-reader behaviour for free).
 *
 * Properties: `label`, `name`, `value`, `options` (`{ value, label, disabled? }[]`), `placeholder` (an empty
 * first option, shown when not `required` or when `value` is empty), `help`, `error`, `required`, `disabled`.
 * Events: `input`, `change`; read `event.target.value`.
 */
import { css, html, nothing } from 'lit'
import { TzFormControl } from './form-control.ts'
import { describedBy, renderHelpAndError, renderLabel } from './field-parts.ts'

export interface SelectOption {
  value: string
  label: string
  disabled?: boolean
}

// A drawn chevron instead of the platform arrow, so selects match the other inputs.
const selectStyles = css`
    .select-wrap {
      position: relative;
    }
    select {
      appearance: none;
      padding-right: 32px;
      cursor: pointer;
    }
    .select-wrap::after {
      content: '';
      position: absolute;
      right: 13px;
      top: 50%;
      width: 7px;
      height: 7px;
      border-right: 1.5px solid var(--tz-color-text-muted);
      border-bottom: 1.5px solid var(--tz-color-text-muted);
      transform: translateY(-70%) rotate(45deg);
      pointer-events: none;
    }
`

export class TzSelect extends TzFormControl {
  static styles = [...TzFormControl.styles, selectStyles]
  static properties = {
    ...TzFormControl.properties,
    value: { type: String },
    options: { attribute: false },
    placeholder: { type: String },
  }

  declare value: string
  declare options: SelectOption[]
  declare placeholder: string

  constructor() {
    super()
    this.value = ''
    this.options = []
    this.placeholder = ''
  }

  protected formValue(): string {
    return this.value
  }

  private onInput(event: Event): void {
    this.value = (event.target as HTMLSelectElement).value
  }

  render() {
    const id = this.fieldId
    const showEmpty = this.placeholder !== '' || !this.required || this.value === ''
    return html`<div class="field">
      ${renderLabel(id, this.label, this.required)}
      <div class="select-wrap">
        <select
          id=${id}
          name=${this.name || nothing}
          ?required=${this.required}
          ?disabled=${this.disabled}
          aria-describedby=${describedBy(id, this.help, this.error)}
          aria-invalid=${this.error ? 'true' : nothing}
          @input=${this.onInput}
          @change=${this.emitChange}
        >
          ${showEmpty ? html`<option value="" ?selected=${this.value === ''}>${this.placeholder || '—'}</option>` : nothing}
          ${this.options.map(
            (o) => html`<option value=${o.value} ?disabled=${o.disabled ?? false} ?selected=${o.value === this.value}>
              ${o.label}
            </option>`,
          )}
        </select>
      </div>
      ${renderHelpAndError(id, this.help, this.error)}
    </div>`
  }
}


customElements.define('tz-select', TzSelect)

declare global {
  interface HTMLElementTagNameMap {
    'tz-select': TzSelect
  }
}
