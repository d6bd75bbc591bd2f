/**
 * `<tz-text-field>`: a labelled single-line (or `multiline`) text input with help and error text.
 *
 * Properties: `label`, `name`, `value`, `type` (text | email | password | search | url | tel), `placeholder`,
 * `help`, `error`, `required`, `disabled`, `readonly`, `autocomplete`, `minlength`, `maxlength`, `pattern`,
 * `multiline`. Events: `input` (composed, per keystroke) and `change` (on commit); read `event.target.value`.
 */
import { html, nothing } from 'lit'
import { ifDefined } from 'lit/directives/if-defined.js'
import { live } from 'lit/directives/live.js'
import { TzFormControl } from './form-control.ts'
import { describedBy, renderHelpAndError, renderLabel } from './field-parts.ts'

export class TzTextField extends TzFormControl {
  static properties = {
    ...TzFormControl.properties,
    value: { type: String },
    type: { type: String },
    placeholder: { type: String },
    readonly: { type: Boolean },
    autocomplete: { type: String },
    minlength: { type: Number },
    maxlength: { type: Number },
    pattern: { type: String },
    multiline: { type: Boolean },
  }

  declare value: string
  declare type: 'text' | 'email' | 'password' | 'search' | 'url' | 'tel'
  declare placeholder: string
  declare readonly: boolean
  declare autocomplete: string | undefined
  declare minlength: number | undefined
  declare maxlength: number | undefined
  declare pattern: string | undefined
  declare multiline: boolean

  constructor() {
    super()
    this.value = ''
    this.type = 'text'
    this.placeholder = ''
    this.readonly = false
    this.multiline = false
  }

  protected formValue(): string {
    return this.value
  }

  private onInput(event: Event): void {
    this.value = (event.target as HTMLInputElement | HTMLTextAreaElement).value
  }

  render() {
    const id = this.fieldId
    const common = {
      describedBy: describedBy(id, this.help, this.error),
      invalid: this.error ? 'true' : nothing,
    }
    const control = this.multiline
      ? html`<textarea
          id=${id}
          name=${this.name || nothing}
          .value=${live(this.value)}
          placeholder=${this.placeholder || nothing}
          ?required=${this.required}
          ?disabled=${this.disabled}
          ?readonly=${this.readonly}
          minlength=${ifDefined(this.minlength)}
          maxlength=${ifDefined(this.maxlength)}
          aria-describedby=${common.describedBy}
          aria-invalid=${common.invalid}
          @input=${this.onInput}
          @change=${this.emitChange}
        ></textarea>`
      : html`<input
          id=${id}
          name=${this.name || nothing}
          type=${this.type}
          .value=${live(this.value)}
          placeholder=${this.placeholder || nothing}
          autocomplete=${ifDefined(this.autocomplete)}
          ?required=${this.required}
          ?disabled=${this.disabled}
          ?readonly=${this.readonly}
          minlength=${ifDefined(this.minlength)}
          maxlength=${ifDefined(this.maxlength)}
          pattern=${ifDefined(this.pattern)}
          aria-describedby=${common.describedBy}
          aria-invalid=${common.invalid}
          @input=${this.onInput}
          @change=${this.emitChange}
          @keydown=${this.submitOnEnter}
        />`
    return html`<div class="field">
      ${renderLabel(id, this.label, this.required)} ${control} ${renderHelpAndError(id, this.help, this.error)}
    </div>`
  }
}

customElements.define('tz-text-field', TzTextField)

declare global {
  interface HTMLElementTagNameMap {
    'tz-text-field': TzTextField
  }
}
