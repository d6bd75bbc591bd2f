/**
 * `TzFormControl`: the base class of the kit's labelled inputs (text, number, select, checkbox).
 *
 * It holds the properties every control shares (label, name, help, error, required, disabled), makes the
 * element form-associated (its value is part of `FormData`, `required` takes part in native validation, and
 * Enter in a text input submits the enclosing form even though the real `<input>` lives in a shadow root), and
 * re-dispatches the inner `change` event from the host because `change` does not cross shadow boundaries.
 * `input` events are composed and reach the host's listeners without help.
 */
import { LitElement } from 'lit'
import { baseStyles } from './base-styles.ts'
import { fieldStyles } from './field-styles.ts'
import { nextFieldId } from './field-parts.ts'

type Validatable = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement

export class TzFormControl extends LitElement {
  static formAssociated = true
  static shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true }
  static styles = [baseStyles, fieldStyles]
  static properties = {
    label: { type: String },
    name: { type: String, reflect: true },
    help: { type: String },
    error: { type: String },
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
  }

  declare label: string
  declare name: string
  declare help: string
  /** Error text shown under the control; non-empty also marks the control `aria-invalid`. */
  declare error: string
  declare required: boolean
  declare disabled: boolean

  protected readonly fieldId = nextFieldId()
  protected readonly internals: ElementInternals | null

  constructor() {
    super()
    this.label = ''
    this.name = ''
    this.help = ''
    this.error = ''
    this.required = false
    this.disabled = false
    this.internals = typeof this.attachInternals === 'function' ? this.attachInternals() : null
  }

  /** The form that owns this control, if any. */
  get form(): HTMLFormElement | null {
    return this.internals?.form ?? this.closest('form')
  }

  /** The native element inside the shadow root; subclasses return theirs. */
  protected get control(): Validatable | null {
    return this.renderRoot?.querySelector<Validatable>('input, select, textarea') ?? null
  }

  /** The value submitted with the form (`null` leaves it out). */
  protected formValue(): string | null {
    return null
  }

  protected updated(): void {
    const control = this.control
    if (!this.internals) return
    this.internals.setFormValue(this.formValue())
    if (control) this.internals.setValidity(control.validity, control.validationMessage, control)
  }

  /** Checks native constraints (required, min, max, pattern) and shows the browser's message if invalid. */
  reportValidity(): boolean {
    return this.control?.reportValidity() ?? true
  }

  protected emitChange(): void {
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }))
  }

  protected submitOnEnter(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.isComposing) return
    const form = this.form
    if (!form) return
    event.preventDefault()
    this.emitChange()
    form.requestSubmit()
  }
}
