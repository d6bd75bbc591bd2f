/**
 * `<tz-plugin-config-dialog>`: enables a plugin for a tenant, or changes its config, through a form generated
 * from the plugin's `configSchema`. A 400 answer puts each `errors[]` entry (pointer `/config/<field>`) under
 * its field; a 409 (a dependency is not enabled) or any other problem appears above the form. Fires
 * `tz-saved` with the new tenant-plugin record.
 */
import { LitElement, html, nothing } from 'lit'
import type { PropertyValues } from 'lit'
import { ProblemError, baseStyles } from '@tessera/ui-kit'
import type { Problem, ProblemFieldError, TzSchemaForm } from '@tessera/ui-kit'
import { enablePlugin } from './admin-api.ts'
import type { InstalledPlugin, TenantPlugin } from './admin-api.ts'

export class TzPluginConfigDialog extends LitElement {
  static styles = [baseStyles]
  static properties = {
    tenantId: { type: String },
    plugin: { attribute: false },
    record: { attribute: false },
    open: { type: Boolean },
    busy: { state: true },
    problem: { state: true },
    fieldErrors: { state: true },
  }

  declare tenantId: string
  declare plugin: InstalledPlugin | null
  declare record: TenantPlugin | null
  declare open: boolean
  declare busy: boolean
  declare problem: Problem | null
  declare fieldErrors: ProblemFieldError[]

  constructor() {
    super()
    this.tenantId = ''
    this.plugin = null
    this.record = null
    this.open = false
    this.busy = false
    this.problem = null
    this.fieldErrors = []
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.open) {
      this.problem = null
      this.fieldErrors = []
    }
  }

  private get enabled(): boolean {
    return this.record?.state === 'enabled'
  }

  private async save(event: CustomEvent<{ value: Record<string, unknown> }>): Promise<void> {
    const plugin = this.plugin
    if (!plugin || this.busy) return
    this.busy = true
    this.problem = null
    this.fieldErrors = []
    try {
      const record = await enablePlugin(this.tenantId, plugin.id, event.detail.value)
      this.dispatchEvent(new CustomEvent('tz-saved', { detail: record, bubbles: true, composed: true }))
      this.close()
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error
      this.fieldErrors = error.problem.errors ?? []
      // Field errors are shown on the fields; the alert keeps the title and sentence.
      this.problem = error.status === 400 ? { ...error.problem, errors: [] } : error.problem
    } finally {
      this.busy = false
    }
  }

  private close(): void {
    this.open = false
    this.dispatchEvent(new CustomEvent('tz-close', { bubbles: true, composed: true }))
  }

  render() {
    const plugin = this.plugin
    if (!plugin) return nothing
    const hasFields = Object.keys(plugin.configSchema?.properties ?? {}).length > 0
    const action = this.enabled ? 'Save changes' : 'Enable plugin'
    return html`<tz-dialog
      size="lg"
      .open=${this.open}
      heading=${this.enabled ? `Configure ${plugin.name}` : `Enable ${plugin.name}`}
      description=${plugin.description}
      @tz-close=${(e: Event) => {
        e.stopPropagation()
        if (this.open) this.close()
      }}
    >
      ${this.problem
        ? html`<tz-alert variant="danger" .problem=${this.problem} strip-pointer="/config" style="margin-bottom: 20px"></tz-alert>`
        : nothing}
      ${hasFields
        ? html`<tz-schema-form
            hide-actions
            pointer-base="/config"
            .schema=${plugin.configSchema}
            .value=${this.record?.config ?? null}
            .errors=${this.fieldErrors}
            ?busy=${this.busy}
            @tz-submit=${this.save}
          ></tz-schema-form>`
        : html`<p>This plugin has no settings.</p>`}
      <tz-button slot="footer" @click=${this.close}>Cancel</tz-button>
      <tz-button
        slot="footer"
        variant="primary"
        ?loading=${this.busy}
        @click=${() => {
          const form = this.renderRoot.querySelector<TzSchemaForm>('tz-schema-form')
          if (form) form.submit()
          else void this.save(new CustomEvent('tz-submit', { detail: { value: {} } }))
        }}
        >${action}</tz-button
      >
    </tz-dialog>`
  }
}

customElements.define('tz-plugin-config-dialog', TzPluginConfigDialog)
