/**
 * `<tz-field>`: label, help and error around a control the kit has no element for (a radio group, a list
 * editor, a plugin's own widget). The slotted content becomes a labelled group (`role="group"` named by the
 * label), so a screen reader announces the label when focus enters it.
 *
 * Properties: `label`, `help`, `error`, `required`. Slot: the control(s).
 */
import { LitElement, html, nothing } from 'lit'
import { baseStyles } from './base-styles.ts'
import { fieldStyles } from './field-styles.ts'
import { nextFieldId } from './field-parts.ts'

export class TzField extends LitElement {
  static styles = [baseStyles, fieldStyles]
  static properties = {
    label: { type: String },
    help: { type: String },
    error: { type: String },
    required: { type: Boolean },
  }

  declare label: string
  declare help: string
  declare error: string
  declare required: boolean

  private readonly groupId = nextFieldId('tz-group')

  constructor() {
    super()
    this.label = ''
    this.help = ''
    this.error = ''
    this.required = false
  }

  render() {
    const id = this.groupId
    return html`<div class="field" role="group" aria-labelledby=${`${id}-label`}>
      <span class=${this.required ? 'label is-required' : 'label'} id=${`${id}-label`}>${this.label}</span>
      <slot></slot>
      ${this.help ? html`<p class="help">${this.help}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </div>`
  }
}

customElements.define('tz-field', TzField)

declare global {
  interface HTMLElementTagNameMap {
    'tz-field': TzField
  }
}
