/**
 * `<tz-string-list>`: a labelled editor for a list of strings (e.g. allowed email domains): one input per item,
 * a remove button per item, and an "Add" button. Every input and button is labelled ("Allowed domains, item 2",
 * "Remove item 2"), and focus moves to the new input after "Add".
 *
 * Properties: `label`, `value` (string[]), `help`, `error`, `required`, `disabled`, `placeholder`.
 * Events: `input` and `change` (bubbling, composed) after each edit; read `event.target.value`.
 */
import { LitElement, css, html, nothing } from 'lit'
import { baseStyles } from './base-styles.ts'
import { fieldStyles } from './field-styles.ts'
import { nextFieldId } from './field-parts.ts'
import './tz-button.ts'
import './tz-icon.ts'

export class TzStringList extends LitElement {
  static styles = [
    baseStyles,
    fieldStyles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: var(--tz-space-2);
      }
      li {
        display: flex;
        gap: var(--tz-space-2);
        align-items: center;
      }
      .remove {
        all: unset;
        flex: none;
        display: grid;
        place-items: center;
        width: var(--tz-control-height);
        height: var(--tz-control-height);
        border-radius: var(--tz-radius-sm);
        color: var(--tz-color-text-subtle);
        cursor: pointer;
      }
      .remove:hover {
        background: var(--tz-color-surface-hover);
        color: var(--tz-color-danger);
      }
      .remove:focus-visible {
        outline: 2px solid var(--tz-color-focus);
      }
      .add {
        align-self: flex-start;
      }
    `,
  ]
  static properties = {
    label: { type: String },
    value: { attribute: false },
    help: { type: String },
    error: { type: String },
    required: { type: Boolean },
    disabled: { type: Boolean },
    placeholder: { type: String },
  }

  declare label: string
  declare value: string[]
  declare help: string
  declare error: string
  declare required: boolean
  declare disabled: boolean
  declare placeholder: string

  private readonly listId = nextFieldId('tz-list')

  constructor() {
    super()
    this.label = ''
    this.value = []
    this.help = ''
    this.error = ''
    this.required = false
    this.disabled = false
    this.placeholder = ''
  }

  override focus(): void {
    const first = this.renderRoot.querySelector<HTMLElement>('input, tz-button')
    first?.focus()
  }

  private emit(): void {
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }))
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }))
  }

  private edit(index: number, event: Event): void {
    event.stopPropagation()
    const next = [...this.value]
    next[index] = (event.target as HTMLInputElement).value
    this.value = next
    this.emit()
  }

  private removeAt(index: number): void {
    this.value = this.value.filter((_, i) => i !== index)
    this.emit()
    void this.updateComplete.then(() => {
      const inputs = this.renderRoot.querySelectorAll<HTMLElement>('input')
      ;(inputs[Math.min(index, inputs.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('.add'))?.focus()
    })
  }

  private async add(): Promise<void> {
    this.value = [...this.value, '']
    this.emit()
    await this.updateComplete
    const inputs = this.renderRoot.querySelectorAll<HTMLInputElement>('input')
    inputs[inputs.length - 1]?.focus()
  }

  render() {
    const id = this.listId
    return html`<div class="field" role="group" aria-labelledby=${`${id}-label`}>
      <span class=${this.required ? 'label is-required' : 'label'} id=${`${id}-label`}>${this.label}</span>
      ${this.help ? html`<p class="help" id=${`${id}-help`}>${this.help}</p>` : nothing}
      <ul>
        ${this.value.map(
          (item, i) => html`<li>
            <input
              .value=${item}
              aria-label=${`${this.label}, item ${i + 1}`}
              placeholder=${this.placeholder || nothing}
              ?disabled=${this.disabled}
              aria-invalid=${this.error ? 'true' : nothing}
              aria-describedby=${this.error ? `${id}-error` : nothing}
              @input=${(e: Event) => this.edit(i, e)}
              @change=${(e: Event) => e.stopPropagation()}
            />
            <button
              class="remove"
              type="button"
              aria-label=${`Remove item ${i + 1}`}
              ?disabled=${this.disabled}
              @click=${() => this.removeAt(i)}
            >
              <tz-icon name="x" size="16"></tz-icon>
            </button>
          </li>`,
        )}
      </ul>
      <tz-button class="add" size="sm" variant="ghost" ?disabled=${this.disabled} @click=${this.add}
        ><tz-icon name="plus" size="14"></tz-icon>Add ${this.value.length ? 'another' : 'an item'}</tz-button
      >
      ${this.error ? html`<p class="error" id=${`${id}-error`} role="alert">${this.error}</p>` : nothing}
    </div>`
  }
}

customElements.define('tz-string-list', TzStringList)

declare global {
  interface HTMLElementTagNameMap {
    'tz-string-list': TzStringList
  }
}
