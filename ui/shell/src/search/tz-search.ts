/**
 * `<tz-search>`: the top bar's search box across the plugins the tenant has enabled (`GET /api/v1/search`), made for
 * the keyboard. Ctrl-K / Cmd-K, or `/` outside a text field, focus it; typing asks the kernel after a short pause
 * (from {@link SEARCH_MIN_CHARS} characters; a newer request aborts the older one); the results open below as an ARIA
 * combobox's listbox, grouped by kind with the plugin's name; ArrowDown/ArrowUp move the active option
 * (`aria-activedescendant`), Enter or a click opens its `href` through the shell's router (the kit's `navigate()`),
 * Esc closes the list and clears the text. No hit says "No results for “…”"; a refused text (422) says why in words.
 */
import { LitElement, css, html, nothing } from 'lit'
import { baseStyles, describeProblem, navigate, ProblemError } from '@tessera/ui-kit'
import { fetchSearch, flatOptions, SEARCH_MIN_CHARS } from './search-answer.ts'
import type { SearchAnswer, SearchHit } from './search-answer.ts'

/** Milliseconds of quiet typing before the box asks the kernel. */
const DEBOUNCE_MS = 200

type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'answer'; answer: SearchAnswer }
  | { kind: 'problem'; message: string }

/** Whether a key press went to something that takes text (so `/` is typed there, not a shortcut). */
function typingInto(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0]
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

export class TzSearch extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
        position: relative;
        /* takes the room the tenant's name leaves, never squeezing it */
        flex: 1 1 0;
        max-width: 440px;
        min-width: 120px;
      }
      .box {
        display: flex;
        align-items: center;
        gap: var(--tz-space-2);
        height: 34px;
        padding: 0 10px;
        background: var(--tz-color-surface);
        border: 1px solid var(--tz-color-border-strong);
        border-radius: var(--tz-radius-sm);
        box-shadow: var(--tz-shadow-xs);
        color: var(--tz-color-text-muted);
      }
      .box:focus-within {
        border-color: var(--tz-color-focus);
        box-shadow: var(--tz-focus-ring);
      }
      input {
        flex: 1;
        min-width: 0;
        border: 0;
        outline: none;
        background: transparent;
        font: inherit;
        color: var(--tz-color-text);
      }
      input::placeholder {
        color: var(--tz-color-text-subtle);
      }
      kbd {
        font: inherit;
        font-size: var(--tz-text-xs);
        color: var(--tz-color-text-subtle);
        border: 1px solid var(--tz-color-border);
        border-radius: var(--tz-radius-sm);
        padding: 0 5px;
      }
      .popup {
        position: absolute;
        top: calc(100% + 4px);
        left: 0;
        right: 0;
        max-height: min(70vh, 520px);
        overflow: auto;
        background: var(--tz-color-surface);
        border: 1px solid var(--tz-color-border);
        border-radius: var(--tz-radius-md);
        box-shadow: var(--tz-shadow-lg);
        padding: var(--tz-space-1) 0;
        z-index: 20;
      }
      .heading {
        padding: var(--tz-space-2) var(--tz-space-3) var(--tz-space-1);
        font-size: var(--tz-text-xs);
        font-weight: var(--tz-weight-semibold);
        color: var(--tz-color-text-muted);
      }
      .heading span {
        font-weight: normal;
      }
      [role='option'] {
        display: flex;
        flex-direction: column;
        padding: var(--tz-space-2) var(--tz-space-3);
        cursor: pointer;
        line-height: 1.3;
      }
      [role='option'][aria-selected='true'] {
        background: var(--tz-color-accent-subtle);
        color: var(--tz-color-accent-text);
      }
      [role='option']:hover {
        background: var(--tz-color-surface-hover);
      }
      .subtitle {
        font-size: var(--tz-text-sm);
        color: var(--tz-color-text-muted);
      }
      .message {
        padding: var(--tz-space-3);
        color: var(--tz-color-text-muted);
      }
      .message.problem {
        color: var(--tz-color-danger);
      }
      @media (max-width: 720px) {
        :host {
          min-width: 44px;
        }
        /* the box shrinks to its icon: the list spans the screen under it (its static top, the viewport's sides) */
        .popup {
          position: fixed;
          top: auto;
          left: var(--tz-space-2);
          right: var(--tz-space-2);
          margin-top: 4px;
        }
        kbd {
          display: none;
        }
      }
    `,
  ]
  static properties = { text: { state: true }, state: { state: true }, open: { state: true }, active: { state: true } }

  declare text: string
  declare state: State
  declare open: boolean
  /** Index of the active option in {@link flatOptions}, or -1. */
  declare active: number

  private timer: ReturnType<typeof setTimeout> | undefined
  private controller: AbortController | undefined

  constructor() {
    super()
    this.text = ''
    this.state = { kind: 'idle' }
    this.open = false
    this.active = -1
  }

  connectedCallback(): void {
    super.connectedCallback()
    window.addEventListener('keydown', this.onShortcut)
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    window.removeEventListener('keydown', this.onShortcut)
    clearTimeout(this.timer)
    this.controller?.abort()
  }

  /** Focuses the search box (the shortcuts do this). */
  focus(): void {
    this.renderRoot.querySelector('input')?.focus()
  }

  // on window, so a screen's own shortcut (a `document` listener that calls preventDefault, e.g. '/' for the visitors
  // list's filter) runs first and wins
  private readonly onShortcut = (event: KeyboardEvent): void => {
    if (event.defaultPrevented) return
    const k = event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.altKey
    const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !typingInto(event)
    if (!k && !slash) return
    event.preventDefault()
    this.focus()
    this.renderRoot.querySelector('input')?.select()
  }

  private get options(): SearchHit[] {
    return this.state.kind === 'answer' ? flatOptions(this.state.answer) : []
  }

  private onInput(event: Event): void {
    this.text = (event.target as HTMLInputElement).value
    this.active = -1
    clearTimeout(this.timer)
    this.controller?.abort()
    const q = this.text.trim()
    if (q.length < SEARCH_MIN_CHARS) {
      this.state = { kind: 'idle' }
      this.open = false
      return
    }
    this.open = true
    this.timer = setTimeout(() => void this.search(q), DEBOUNCE_MS)
  }

  private async search(q: string): Promise<void> {
    const controller = new AbortController()
    this.controller = controller
    if (this.state.kind !== 'answer') this.state = { kind: 'loading' }
    try {
      const answer = await fetchSearch(q, controller.signal)
      if (controller.signal.aborted) return
      this.state = { kind: 'answer', answer }
      this.active = -1
    } catch (error) {
      if (controller.signal.aborted) return
      if (error instanceof ProblemError) {
        const m = describeProblem(error.problem)
        this.state = { kind: 'problem', message: error.status === 422 && m.detail ? m.detail : [m.title, m.detail].filter(Boolean).join(' ') }
      } else {
        this.state = { kind: 'problem', message: 'The search did not answer. Try again.' }
      }
    }
  }

  /** Closes the list and clears the text. */
  private reset(): void {
    clearTimeout(this.timer)
    this.controller?.abort()
    this.text = ''
    this.state = { kind: 'idle' }
    this.open = false
    this.active = -1
  }

  private openHit(hit: SearchHit): void {
    this.reset()
    this.renderRoot.querySelector('input')?.blur()
    navigate(hit.href)
  }

  private onKeyDown(event: KeyboardEvent): void {
    const options = this.options
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault()
        if (!this.open && this.text.trim().length >= SEARCH_MIN_CHARS) this.open = true
        if (options.length === 0) return
        const step = event.key === 'ArrowDown' ? 1 : -1
        this.active = this.active < 0 ? (step > 0 ? 0 : options.length - 1) : (this.active + step + options.length) % options.length
        this.updateComplete.then(() => this.renderRoot.querySelector(`#option-${this.active}`)?.scrollIntoView({ block: 'nearest' }))
        return
      }
      case 'Enter': {
        const hit = options[this.active] ?? (options.length === 1 ? options[0] : undefined)
        if (this.open && hit) {
          event.preventDefault()
          this.openHit(hit)
        }
        return
      }
      case 'Escape':
        if (this.open || this.text) {
          event.preventDefault()
          event.stopPropagation()
          this.reset()
        }
        return
    }
  }

  private onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget
    if (next instanceof Node && (this.renderRoot.contains(next) || this.contains(next))) return
    this.open = false
  }

  private onFocusIn(): void {
    if (this.text.trim().length >= SEARCH_MIN_CHARS && this.state.kind !== 'idle') this.open = true
  }

  private renderPopup() {
    const state = this.state
    if (!this.open) return nothing
    if (state.kind === 'loading' || state.kind === 'idle') return html`<div class="popup"><p class="message" role="status">Searching…</p></div>`
    if (state.kind === 'problem') return html`<div class="popup"><p class="message problem" role="alert">${state.message}</p></div>`
    if (state.answer.groups.length === 0) {
      return html`<div class="popup"><p class="message" role="status">No results for “${state.answer.q}”</p></div>`
    }
    let index = 0
    return html`<div class="popup">
      <div role="listbox" id="results" aria-label="Search results">
        ${state.answer.groups.map(
          (g, gi) => html`<div role="group" aria-labelledby="group-${gi}">
            <div class="heading" id="group-${gi}" role="presentation">${g.label} <span>· ${g.plugin.name}</span></div>
            ${g.results.map((hit) => {
              const i = index++
              return html`<div
                role="option"
                id="option-${i}"
                aria-selected=${i === this.active ? 'true' : 'false'}
                @mousedown=${(e: MouseEvent) => e.preventDefault()}
                @click=${() => this.openHit(hit)}
              >
                <span class="title">${hit.title}</span>
                ${hit.subtitle ? html`<span class="subtitle">${hit.subtitle}</span>` : nothing}
              </div>`
            })}
          </div>`,
        )}
      </div>
    </div>`
  }

  render() {
    const expanded = this.open && this.options.length > 0
    return html`<div class="box" @focusout=${this.onFocusOut} @focusin=${this.onFocusIn}>
        <tz-icon name="search" size="16"></tz-icon>
        <input
          type="search"
          role="combobox"
          aria-label="Search"
          aria-autocomplete="list"
          aria-controls="results"
          aria-expanded=${expanded ? 'true' : 'false'}
          aria-activedescendant=${expanded && this.active >= 0 ? `option-${this.active}` : nothing}
          placeholder="Search people, bookings, invoices…"
          autocomplete="off"
          spellcheck="false"
          .value=${this.text}
          @input=${this.onInput}
          @keydown=${this.onKeyDown}
        />
        <kbd aria-hidden="true">Ctrl K</kbd>
      </div>
      ${this.renderPopup()}`
  }
}

customElements.define('tz-search', TzSearch)
