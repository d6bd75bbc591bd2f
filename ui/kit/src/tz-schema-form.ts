/**
 * `<tz-schema-form>`: a form generated from a JSON Schema (an object of string, number, integer, boolean, enum
 * and array-of-string properties), used for plugin configuration and anywhere else a schema already says what
 * is valid.
 *
 * It labels each field from `title` (or the property name), shows `description` as help text, marks `required`
 * fields, starts from `default`s, and checks required / min / max / length / pattern / enum before it emits.
 * Server-side errors (`errors` from a 400 problem) appear next to the field their JSON Pointer names; errors
 * that name no field appear in an alert above the fields.
 *
 * Properties: `schema`, `value` (initial value; defaults fill the gaps), `errors` (`{ pointer, detail }[]`),
 * `pointerBase` (the pointer of this form's object in the request body, e.g. `/config`), `submitLabel`
 * (default "Save"), `busy` (spinner on submit, fields disabled), `disabled`, `hideActions` (no built-in submit
 * button: call `submit()` from your own). Slot `actions`: extra buttons beside submit (e.g. Cancel).
 * Events: `tz-change` (`detail.value`) after each edit; `tz-submit` (`detail.value`) when the value passes the
 * client-side checks. Empty optional fields are left out of the value.
 */
import { LitElement, css, html, nothing } from 'lit'
import type { PropertyValues, TemplateResult } from 'lit'
import { baseStyles } from './base-styles.ts'
import { schemaFields } from './schema/schema-fields.ts'
import type { FieldSpec } from './schema/schema-fields.ts'
import { initialValue } from './schema/initial-value.ts'
import type { FormValue } from './schema/initial-value.ts'
import { validateValue } from './schema/validate-value.ts'
import type { FieldErrors } from './schema/validate-value.ts'
import { errorsByField } from './schema/errors-by-field.ts'
import type { JsonSchema } from './schema/json-schema.ts'
import { pointerLabel } from './problem.ts'
import type { ProblemFieldError } from './problem.ts'
import './tz-alert.ts'
import './tz-button.ts'
import './tz-checkbox.ts'
import './tz-field.ts'
import './tz-number-field.ts'
import './tz-select.ts'
import './tz-string-list.ts'
import './tz-text-field.ts'

function sentence(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text
}

export class TzSchemaForm extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: flex;
        flex-direction: column;
        gap: var(--tz-space-5);
      }
      .options {
        display: flex;
        flex-direction: column;
        gap: var(--tz-space-2);
      }
      .actions {
        display: flex;
        gap: var(--tz-space-2);
        padding-top: var(--tz-space-1);
      }
      tz-alert ul {
        margin: var(--tz-space-1) 0 0;
        padding-left: 1.1em;
      }
      .unsupported {
        font-size: var(--tz-text-sm);
        color: var(--tz-color-text-subtle);
      }
      code {
        font-family: var(--tz-font-mono);
        font-size: 0.92em;
      }
    `,
  ]
  static properties = {
    schema: { attribute: false },
    value: { attribute: false },
    errors: { attribute: false },
    pointerBase: { type: String, attribute: 'pointer-base' },
    submitLabel: { type: String, attribute: 'submit-label' },
    busy: { type: Boolean },
    disabled: { type: Boolean },
    hideActions: { type: Boolean, attribute: 'hide-actions' },
    current: { state: true },
    clientErrors: { state: true },
    serverErrors: { state: true },
    unmatched: { state: true },
  }

  declare schema: JsonSchema | null
  declare value: FormValue | null
  declare errors: ProblemFieldError[]
  declare pointerBase: string
  declare submitLabel: string
  declare busy: boolean
  declare disabled: boolean
  declare hideActions: boolean
  declare current: FormValue
  declare clientErrors: FieldErrors
  declare serverErrors: FieldErrors
  declare unmatched: ProblemFieldError[]

  private fields: FieldSpec[] = []

  constructor() {
    super()
    this.schema = null
    this.value = null
    this.errors = []
    this.pointerBase = ''
    this.submitLabel = 'Save'
    this.busy = false
    this.disabled = false
    this.hideActions = false
    this.current = {}
    this.clientErrors = {}
    this.serverErrors = {}
    this.unmatched = []
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('schema')) this.fields = schemaFields(this.schema)
    if (changed.has('schema') || changed.has('value')) {
      this.current = initialValue(this.schema, this.value)
      this.clientErrors = {}
    }
    if (changed.has('schema') || changed.has('errors') || changed.has('pointerBase')) {
      const sorted = errorsByField(this.errors, this.fields.map((f) => f.name), this.pointerBase)
      this.serverErrors = sorted.byField
      this.unmatched = sorted.unmatched
    }
  }

  /** The value as it would be submitted: empty optional fields left out. */
  get formValue(): FormValue {
    const out: FormValue = {}
    for (const [k, v] of Object.entries(this.current)) {
      const spec = this.fields.find((f) => f.name === k)
      const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0 && !spec?.required)
      if (!empty || spec?.required) out[k] = v
    }
    return out
  }

  /** Validates; if valid emits `tz-submit` and returns true, else shows errors, focuses the first, returns false. */
  submit(): boolean {
    const value = this.formValue
    this.clientErrors = validateValue(this.fields, value)
    const first = this.fields.find((f) => this.clientErrors[f.name])
    if (first) {
      void this.updateComplete.then(() => this.fieldElement(first.name)?.focus())
      return false
    }
    this.dispatchEvent(new CustomEvent('tz-submit', { detail: { value }, bubbles: true, composed: true }))
    return true
  }

  private fieldElement(name: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-field="${CSS.escape(name)}"]`)
  }

  private set(name: string, v: unknown): void {
    this.current = { ...this.current, [name]: v }
    if (this.clientErrors[name]) this.clientErrors = { ...this.clientErrors, [name]: '' }
    if (this.serverErrors[name]) this.serverErrors = { ...this.serverErrors, [name]: '' }
    this.dispatchEvent(new CustomEvent('tz-change', { detail: { value: this.formValue }, bubbles: true, composed: true }))
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault()
    if (!this.busy) this.submit()
  }

  private errorFor(name: string): string {
    return sentence(this.clientErrors[name] || this.serverErrors[name] || '')
  }

  private renderField(f: FieldSpec): TemplateResult {
    const v = this.current[f.name]
    const error = this.errorFor(f.name)
    const disabled = this.disabled || this.busy || f.readOnly
    const s = f.schema
    switch (f.kind) {
      case 'string':
        return html`<tz-text-field
          data-field=${f.name}
          name=${f.name}
          label=${f.label}
          help=${f.help}
          .error=${error}
          type=${f.inputType}
          ?multiline=${f.multiline}
          ?required=${f.required}
          ?disabled=${disabled}
          placeholder=${(s['x-placeholder'] as string | undefined) ?? ''}
          autocomplete=${f.inputType === 'password' ? 'new-password' : 'off'}
          .value=${typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v)}
          @input=${(e: Event) => this.set(f.name, (e.target as HTMLInputElement).value)}
        ></tz-text-field>`
      case 'number':
      case 'integer':
        return html`<tz-number-field
          data-field=${f.name}
          name=${f.name}
          label=${f.label}
          help=${f.help}
          .error=${error}
          ?integer=${f.kind === 'integer'}
          .min=${s.minimum}
          .max=${s.maximum}
          .step=${s.multipleOf}
          ?required=${f.required}
          ?disabled=${disabled}
          .value=${typeof v === 'number' ? v : null}
          @input=${(e: Event) => this.set(f.name, (e.target as HTMLInputElement & { value: number | null }).value)}
        ></tz-number-field>`
      case 'boolean':
        return html`<tz-checkbox
          data-field=${f.name}
          name=${f.name}
          label=${f.label}
          help=${f.help}
          .error=${error}
          ?disabled=${disabled}
          .checked=${v === true}
          @input=${(e: Event) => this.set(f.name, (e.target as HTMLInputElement).checked)}
        ></tz-checkbox>`
      case 'enum':
        return html`<tz-select
          data-field=${f.name}
          name=${f.name}
          label=${f.label}
          help=${f.help}
          .error=${error}
          ?required=${f.required}
          ?disabled=${disabled}
          placeholder=${f.required ? 'Choose…' : 'None'}
          .options=${f.choices.map((c) => ({ value: String(c.value), label: c.label }))}
          .value=${v === undefined || v === null ? '' : String(v)}
          @input=${(e: Event) => {
            const raw = (e.target as HTMLSelectElement).value
            this.set(f.name, raw === '' ? undefined : f.choices.find((c) => String(c.value) === raw)?.value)
          }}
        ></tz-select>`
      case 'string-array':
        return html`<tz-string-list
          data-field=${f.name}
          label=${f.label}
          help=${f.help}
          .error=${error}
          ?required=${f.required}
          ?disabled=${disabled}
          .value=${Array.isArray(v) ? (v as string[]) : []}
          @input=${(e: Event) => this.set(f.name, [...(e.target as HTMLElement & { value: string[] }).value])}
        ></tz-string-list>`
      case 'enum-array': {
        const selected = new Set(Array.isArray(v) ? v : [])
        return html`<tz-field data-field=${f.name} tabindex="-1" label=${f.label} help=${f.help} .error=${error} ?required=${f.required}>
          <div class="options">
            ${f.choices.map(
              (c) => html`<tz-checkbox
                label=${c.label}
                ?disabled=${disabled}
                .checked=${selected.has(c.value)}
                @input=${(e: Event) => {
                  const on = (e.target as HTMLInputElement).checked
                  const next = f.choices.filter((x) => (x.value === c.value ? on : selected.has(x.value))).map((x) => x.value)
                  this.set(f.name, next)
                }}
              ></tz-checkbox>`,
            )}
          </div>
        </tz-field>`
      }
      default:
        return html`<tz-field data-field=${f.name} tabindex="-1" label=${f.label} help=${f.help} .error=${error}>
          <span class="unsupported">This setting cannot be edited in this form (<code>${f.name}</code>).</span>
        </tz-field>`
    }
  }

  render() {
    return html`<form novalidate @submit=${this.onSubmit}>
      ${this.unmatched.length
        ? html`<tz-alert variant="danger" heading="Some settings were not accepted">
            <ul>
              ${this.unmatched.map((e) => {
                const label = pointerLabel(e.pointer.startsWith(this.pointerBase) ? e.pointer.slice(this.pointerBase.length) : e.pointer)
                return html`<li>${label ? `${label}: ${e.detail}` : sentence(e.detail)}</li>`
              })}
            </ul>
          </tz-alert>`
        : nothing}
      ${this.fields.map((f) => this.renderField(f))}
      ${this.hideActions
        ? nothing
        : html`<div class="actions">
            <tz-button type="submit" variant="primary" ?loading=${this.busy} ?disabled=${this.disabled}
              >${this.submitLabel}</tz-button
            >
            <slot name="actions"></slot>
          </div>`}
    </form>`
  }
}

customElements.define('tz-schema-form', TzSchemaForm)

declare global {
  interface HTMLElementTagNameMap {
    'tz-schema-form': TzSchemaForm
  }
}
