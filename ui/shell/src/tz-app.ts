/**
 * `<tz-app>`: the Tessera shell. It checks the session (`/auth/me`), shows the sign-in screen or the
 * application frame (side navigation from the UI manifest, top bar with tenant switcher and sign-out, and the
 * routed screen), and keeps them current: the manifest is reloaded on sign-in, on tenant switch, when the kernel says
 * the tenant's plugins changed (`tessera.plugins.changed` over the realtime socket, sent to every socket of the tenant
 * when a plugin is enabled or disabled, by anyone, through any screen or the API; and after the socket reconnects, as a
 * notice may have been missed) and when this operator changes enablement. A plugin turned off under the user takes its
 * nav items, widgets and screens with it without a reload; the page the user was on says so (`tz-turned-off`) and comes
 * back when the plugin does. A 401 from any call returns to sign-in; the realtime socket reconnects on tenant switch so
 * it joins the new tenant's room.
 */
import { LitElement, css, html, nothing } from 'lit'
import { ProblemError, baseStyles, realtime, setPermissions, toast } from '@tessera/ui-kit'
import type { Problem } from '@tessera/ui-kit'
import { fetchSession, signOut, switchTenant, currentTenant } from './session.ts'
import type { Session } from './session.ts'
import { emptyManifest, fetchManifest, navItems, seesSelfService } from './manifest.ts'
import type { UiManifest } from './manifest.ts'
import { resolveRoute } from './resolve-route.ts'
import { HistoryRouter } from './history-router.ts'
import type { AppLocation } from './history-router.ts'
import { turnedOffPart } from './turned-off-part.ts'
import type { TurnedOffPart } from './turned-off-part.ts'
import './tz-sign-in.ts'
import './tz-set-password.ts'
import './tz-side-nav.ts'
import './tz-top-bar.ts'
import './tz-home.ts'
import './tz-not-found.ts'
import './tz-plugin-view.ts'
import './tz-turned-off.ts'
import './operator/tz-operator-tenants.ts'
import './operator/tz-tenant-plugins.ts'
import './tenant/tz-api-tokens.ts'
import './settings/tz-tenant-users.ts'
import './settings/tz-audit-log.ts'
import './operator/tz-operator-health.ts'
import './reports/tz-reports.ts'
import { focusFirstField, focusPageHeading } from './focus-page.ts'

type Phase = 'starting' | 'signed-out' | 'signed-in' | 'unavailable'

export class TzApp extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
      }
      .frame {
        display: grid;
        grid-template-columns: 240px minmax(0, 1fr);
        min-height: 100vh;
      }
      tz-side-nav {
        position: sticky;
        top: 0;
        height: 100vh;
      }
      .column {
        display: flex;
        flex-direction: column;
        min-width: 0;
      }
      tz-top-bar {
        position: sticky;
        top: 0;
        z-index: 10;
      }
      main {
        flex: 1;
        padding: var(--tz-space-8) var(--tz-space-8) var(--tz-space-12);
        width: 100%;
        max-width: 1200px;
        margin: 0 auto;
      }
      main:focus {
        outline: none;
      }
      .center {
        display: grid;
        place-items: center;
        min-height: 100vh;
        color: var(--tz-color-text-subtle);
      }
      .skip {
        position: absolute;
        left: -9999px;
        top: 8px;
        z-index: 100;
        background: var(--tz-color-surface);
        padding: var(--tz-space-2) var(--tz-space-3);
        border-radius: var(--tz-radius-sm);
        box-shadow: var(--tz-shadow-lg);
      }
      .skip:focus {
        left: 8px;
      }
      .manifest-error {
        margin-bottom: var(--tz-space-6);
      }
      @media (max-width: 820px) {
        .frame {
          grid-template-columns: 1fr;
        }
        tz-side-nav {
          position: static;
          height: auto;
        }
      }
    `,
  ]
  static properties = {
    phase: { state: true },
    session: { state: true },
    manifest: { state: true },
    selfService: { state: true },
    manifestProblem: { state: true },
    location: { state: true },
    switching: { state: true },
    notice: { state: true },
    startupProblem: { state: true },
    turnedOff: { state: true },
  }

  declare phase: Phase
  declare session: Session | null
  declare manifest: UiManifest
  /** Whether the nav shows the self-service pages (members, and staff who are also members). */
  declare selfService: boolean
  declare manifestProblem: Problem | null
  declare location: AppLocation
  declare switching: boolean
  declare notice: string
  declare startupProblem: Problem | null
  /** The page the user is on, when its plugin was turned off while they were there. */
  declare turnedOff: TurnedOffPart | null

  private readonly router = new HistoryRouter((location) => this.onLocation(location))
  private manifestRequest = 0
  /** Stops listening to the kernel's plugin changes (while signed in). */
  private stopPluginWatch: (() => void) | null = null

  constructor() {
    super()
    this.phase = 'starting'
    this.session = null
    this.manifest = emptyManifest
    this.selfService = true
    this.manifestProblem = null
    this.location = this.router.location
    this.switching = false
    this.notice = ''
    this.startupProblem = null
    this.turnedOff = null
  }

  connectedCallback(): void {
    super.connectedCallback()
    this.router.start()
    window.addEventListener('tz-unauthorized', this.onUnauthorized)
    void this.start()
  }

  disconnectedCallback(): void {
    super.disconnectedCallback()
    this.router.stop()
    window.removeEventListener('tz-unauthorized', this.onUnauthorized)
    this.unwatchPlugins()
  }

  /** Re-reads the manifest when the kernel says this tenant's plugins changed, and after the socket reconnects. */
  private watchPlugins(): void {
    if (this.stopPluginWatch) return
    const reload = () => void this.loadManifest()
    const stopNotice = realtime().subscribe('tessera.plugins.changed', reload)
    let dropped = false
    const stopStatus = realtime().onStatus((status) => {
      if (status === 'closed') dropped = true
      else if (status === 'open' && dropped) {
        dropped = false
        reload()
      }
    })
    this.stopPluginWatch = () => {
      stopNotice()
      stopStatus()
    }
  }

  private unwatchPlugins(): void {
    this.stopPluginWatch?.()
    this.stopPluginWatch = null
  }

  private async start(): Promise<void> {
    this.phase = 'starting'
    try {
      const session = await fetchSession()
      if (session) await this.enter(session)
      else this.phase = 'signed-out'
    } catch (error) {
      this.startupProblem = error instanceof ProblemError ? error.problem : { title: 'Tessera could not start', status: 0 }
      this.phase = 'unavailable'
    }
  }

  private async enter(session: Session): Promise<void> {
    this.session = session
    this.notice = ''
    await this.loadManifest()
    this.phase = 'signed-in'
    this.watchPlugins()
  }

  protected willUpdate(changed: Map<PropertyKey, unknown>): void {
    // screens ask can(permission): the manifest's permissions are the current user's, set before any screen renders
    if (changed.has('manifest')) setPermissions(this.manifest.permissions ?? [])
  }

  protected updated(changed: Map<PropertyKey, unknown>): void {
    // the sign-in screen starts with the cursor in its first field
    if (changed.has('phase') && this.phase === 'signed-out') focusFirstField(this.renderRoot)
  }

  /** Loads the manifest for the current tenant; a stale answer (after a quick second switch) is dropped. */
  private async loadManifest(): Promise<void> {
    const request = ++this.manifestRequest
    if (!this.session?.tenantId) {
      this.manifest = emptyManifest
      this.manifestProblem = null
      return
    }
    try {
      const manifest = await fetchManifest()
      // staff see the self-service pages (My bookings…) only when they are also a member here
      const selfService = await seesSelfService(manifest, this.session ? currentTenant(this.session)?.role : undefined)
      if (request !== this.manifestRequest) return
      // a plugin turned off under the user: their page says so instead of "Page not found"
      const off = manifest.tenantId === this.manifest.tenantId ? turnedOffPart(this.location.pathname, this.manifest, manifest) : null
      if (off) this.turnedOff = off
      else if (resolveRoute(this.location.pathname, manifest).kind !== 'not-found') this.turnedOff = null
      this.selfService = selfService
      this.manifest = manifest
      this.manifestProblem = null
    } catch (error) {
      if (request !== this.manifestRequest) return
      this.manifest = emptyManifest
      this.manifestProblem = error instanceof ProblemError ? error.problem : { title: 'Navigation could not be loaded', status: 0 }
    }
  }

  private onLocation(location: AppLocation): void {
    if (location.pathname !== this.turnedOff?.path) this.turnedOff = null
    this.location = location
    // Move focus to the new page's heading so keyboard and screen-reader users start at the new content.
    void this.updateComplete.then(() => {
      const main = this.renderRoot.querySelector<HTMLElement>('main')
      if (main) focusPageHeading(main)
    })
  }

  private readonly onUnauthorized = (): void => {
    if (this.phase !== 'signed-in') return
    this.session = null
    this.manifest = emptyManifest
    this.notice = 'Your session has ended. Sign in again to continue.'
    this.phase = 'signed-out'
    this.unwatchPlugins()
    realtime().stop()
  }

  private async onSignedIn(event: CustomEvent<Session>): Promise<void> {
    await this.enter(event.detail)
    this.location = this.router.location
  }

  private async onSignOut(): Promise<void> {
    try {
      await signOut()
    } catch (error) {
      toast(error)
      return
    }
    this.unwatchPlugins()
    realtime().stop()
    this.session = null
    this.manifest = emptyManifest
    this.notice = ''
    this.phase = 'signed-out'
  }

  private async onSwitchTenant(event: CustomEvent<{ tenantId: string }>): Promise<void> {
    this.switching = true
    try {
      this.session = await switchTenant(event.detail.tenantId)
      await this.loadManifest()
      realtime().reconnect()
      const tenant = this.session ? currentTenant(this.session) : null
      toast({ variant: 'success', message: `Switched to ${tenant?.name ?? 'tenant'}.` })
      // Stay on the same screen when the new tenant has it; otherwise go home.
      if (resolveRoute(this.location.pathname, this.manifest).kind === 'not-found') this.router.go('/')
    } catch (error) {
      toast(error)
    } finally {
      this.switching = false
    }
  }

  private async onManifestStale(event: CustomEvent<{ tenantId?: string }>): Promise<void> {
    if (event.detail?.tenantId && event.detail.tenantId !== this.session?.tenantId) return
    await this.loadManifest()
  }

  private renderRoute() {
    const session = this.session
    if (!session) return nothing
    const route = resolveRoute(this.location.pathname, this.manifest)
    const tenant = currentTenant(session)
    const operatorOnly = route.kind === 'operator-tenants' || route.kind === 'operator-tenant' || route.kind === 'operator-health' || route.kind === 'operator-audit'
    if (operatorOnly && !session.user.isOperator) {
      return html`<tz-empty-state icon="shield" heading="Operators only" description="This section is for the people who run this Tessera deployment.">
        <tz-button variant="primary" href="/">Go home</tz-button>
      </tz-empty-state>`
    }
    switch (route.kind) {
      case 'home':
        return html`<tz-home .session=${session} .items=${navItems(this.manifest, this.selfService)} .manifest=${this.manifest}></tz-home>`
      case 'operator-tenants':
        return html`<tz-operator-tenants .search=${this.location.search}></tz-operator-tenants>`
      case 'operator-tenant':
        return html`<tz-tenant-plugins tenant-id=${route.tenantId} current-tenant-id=${session.tenantId ?? ''}></tz-tenant-plugins>`
      case 'operator-health':
        return html`<tz-operator-health></tz-operator-health>`
      case 'operator-audit':
        return html`<tz-audit-log platform .search=${this.location.search}></tz-audit-log>`
      case 'tenant-users':
        return html`<tz-tenant-users caller-role=${tenant?.role ?? ''} user-id=${session.user.id} ?operator=${session.user.isOperator}></tz-tenant-users>`
      case 'tenant-audit':
        return html`<tz-audit-log .search=${this.location.search}></tz-audit-log>`
      case 'tenant-tokens':
        return html`<tz-api-tokens caller-role=${tenant?.role ?? ''}></tz-api-tokens>`
      case 'reports':
        return html`<tz-reports .manifest=${this.manifest} .search=${this.location.search}></tz-reports>`
      case 'plugin':
        return html`<tz-plugin-view
          .plugin=${route.plugin}
          .route=${route.route}
          .params=${route.params}
          .session=${session}
          .path=${this.location.pathname}
          .search=${this.location.search}
        ></tz-plugin-view>`
      default:
        if (this.turnedOff?.path === this.location.pathname) {
          return html`<tz-turned-off label=${this.turnedOff.label} tenant-name=${tenant?.name ?? ''}></tz-turned-off>`
        }
        return html`<tz-not-found
          .path=${this.location.pathname}
          .segment=${route.firstSegment}
          ?operator=${session.user.isOperator}
          tenant-id=${tenant?.id ?? ''}
          tenant-name=${tenant?.name ?? ''}
        ></tz-not-found>`
    }
  }

  /** A password was set from an e-mail link: the user is signed in; leave the link's page. */
  private async onPasswordSet(event: CustomEvent<Session>): Promise<void> {
    await this.enter(event.detail)
    this.router.go('/', true)
  }

  render() {
    // the link of an invitation or reset e-mail works signed in or out
    if (this.location.pathname === '/set-password' && this.phase !== 'starting') {
      return html`<tz-set-password .search=${this.location.search} @tz-signed-in=${this.onPasswordSet}></tz-set-password>`
    }
    switch (this.phase) {
      case 'starting':
        return html`<div class="center"><tz-spinner size="24" label="Starting Tessera"></tz-spinner></div>`
      case 'unavailable':
        return html`<div class="center">
          <tz-empty-state icon="alert-triangle" heading=${this.startupProblem?.title ?? 'Tessera is unavailable'} description="The server did not answer as expected. Try again in a moment.">
            <tz-button variant="primary" @click=${() => this.start()}>Try again</tz-button>
          </tz-empty-state>
        </div>`
      case 'signed-out':
        return html`<tz-sign-in .notice=${this.notice} @tz-signed-in=${this.onSignedIn}></tz-sign-in>`
    }
    const session = this.session
    if (!session) return nothing
    const tenant = currentTenant(session)
    return html`<a class="skip" href="#main">Skip to content</a>
      <div class="frame" @tz-manifest-stale=${this.onManifestStale}>
        <tz-side-nav
          .items=${navItems(this.manifest, this.selfService)}
          ?operator=${session.user.isOperator}
          ?tokens=${tenant?.role === 'owner' || tenant?.role === 'admin'}
          .permissions=${this.manifest.permissions ?? []}
          path=${this.location.pathname}
          tenant-name=${tenant?.name ?? ''}
        ></tz-side-nav>
        <div class="column">
          <header>
            <tz-top-bar
              .session=${session}
              ?switching=${this.switching}
              @tz-switch-tenant=${this.onSwitchTenant}
              @tz-sign-out=${this.onSignOut}
            ></tz-top-bar>
          </header>
          <main id="main" tabindex="-1">
            ${this.manifestProblem
              ? html`<tz-alert class="manifest-error" variant="warning" .problem=${this.manifestProblem}>
                  Plugin screens are unavailable until the navigation loads.
                  <tz-button size="sm" @click=${() => this.loadManifest()}>Retry</tz-button>
                </tz-alert>`
              : nothing}
            ${this.renderRoute()}
          </main>
        </div>
      </div>`
  }
}

customElements.define('tz-app', TzApp)

declare global {
  interface WindowEventMap {
    'tz-unauthorized': CustomEvent<Problem>
  }
}
