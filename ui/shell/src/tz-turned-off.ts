/**
 * `<tz-turned-off>`: what a plugin's page shows when the plugin is turned off for the workspace while someone is on it
 * (the shell re-reads its manifest on the kernel's `tessera.plugins.changed` notice): a clear statement instead of a
 * broken screen, announced to screen readers (a polite live region), that nothing was deleted, and a way home. When the
 * plugin is turned on again the page comes back by itself.
 */
import { LitElement, css, html } from 'lit'
import { baseStyles } from '@tessera/ui-kit'

export class TzTurnedOff extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
        padding-top: var(--tz-space-10);
      }
    `,
  ]
  static properties = {
    label: { type: String },
    tenantName: { type: String, attribute: 'tenant-name' },
  }

  declare label: string
  declare tenantName: string

  constructor() {
    super()
    this.label = ''
    this.tenantName = ''
  }

  render() {
    const part = this.label ? `${this.label} was` : 'This page was'
    const where = this.tenantName ? ` for ${this.tenantName}` : ''
    return html`<div role="status" aria-live="polite">
      <tz-empty-state
        icon="plug"
        heading="This part of Tessera was turned off for your workspace"
        description=${`${part} turned off${where} while you were here. Nothing was deleted: the page comes back here as soon as an administrator turns it on again.`}
      >
        <tz-button variant="primary" href="/">Go home</tz-button>
      </tz-empty-state>
    </div>`
  }
}

customElements.define('tz-turned-off', TzTurnedOff)
