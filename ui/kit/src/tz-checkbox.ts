/**
 * `<tz-checkbox>`: a labelled checkbox (label to the right, help and error below).
 *
 * Properties: `label`, `name`, `checked`, `value` (submitted when checked, default "on"), `help`, `error`,
 * `required`, `disabled`. Events: `input`, `change`; read `event.target.checked`.
 */
import { css, html, nothing } from 'lit'
import { TzFormControl } from './form-control.ts'
import { describedBy, renderHelpAndError } from './field-parts.ts'

const checkboxStyles = css`
  .row {
    display: flex;
    align-items: flex-start;
    gap: var(--tz-space-2);
  }
  input[type='checkbox'] {
    appearance: none;
    flex: none;
    width: 16px;
    height: 16px;
    min-height: 0;
    margin: 2px 0 0;
    padding: 0;
    border-radius: 4px;
    border: 1px solid var(--tz-color-border-strong);
    background: var(--tz-color-surface);
    display: grid;
    place-content: center;
    cursor: pointer;
  }
  input[type='checkbox']::before {
    content: '';
    width: 9px;
    height: 5px;
    border-left: 2px solid var(--tz-color-text-inverse);
    border-bottom: 2px solid var(--tz-color-text-inverse);
    transform: translateY(-1px) rotate(-45deg) scale(0);
    transition: transform var(--tz-duration);
  }
  input[type='checkbox']:checked {
    background: var(--tz-color-accent);
    border-color: var(--tz-color-accent);
  }
  input[type='checkbox']:checked::before {
    transform: translateY(-1px) rotate(-45deg) scale(1);
  }
  label {
    font-weight: var(--tz-weight-normal);
    cursor: pointer;
    line-height: 20px;
  }
  .text {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
`

export class TzCheckbox extends TzFormControl {
  static styles = [...TzFormControl.styles, checkboxStyles]
  static properties = {
    ...TzFormControl.properties,
    checked: { type: Boolean, reflect: true },
    value: { type: String },
  }

  declare checked: boolean
  declare value: string

  constructor() {
    super()
    this.checked = false
    this.value = 'on'
  }

  protected formValue(): string | null {
    return this.checked ? this.value : null
  }

  private onInput(event: Event): void {
    this.checked = (event.target as HTMLInputElement).checked
  }

  render() {
    const id = this.fieldId
    return html`<div class="row">
      <input
        id=${id}
        type="checkbox"
        name=${this.name || nothing}
        .checked=${this.checked}
        ?required=${this.required}
        ?disabled=${this.disabled}
        aria-describedby=${describedBy(id, this.help, this.error)}
        aria-invalid=${this.error ? 'true' : nothing}
        @input=${this.onInput}
        @change=${this.emitChange}
      />
      <div class="text">
        <label for=${id}>${this.label}</label>
        ${renderHelpAndError(id, this.help, this.error)}
      </div>
    </div>`
  }
}

customElements.define('tz-checkbox', TzCheckbox)

declare global {
  interface HTMLElementTagNameMap {
    'tz-checkbox': TzCheckbox
  }
}
