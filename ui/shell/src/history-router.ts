/**
 * `HistoryRouter`: client-side routing with the History API. It tracks the current location, intercepts clicks
 * on same-origin links (anywhere, including inside plugin shadow roots) and `tz-navigate` requests from the
 * kit's `navigate()`, pushes history entries, and tells its listener when the location changes. Paths under
 * `/api/`, `/ui/`, `/docs`, `/healthz`, `/readyz` and `/metrics` are left to the browser.
 */
import type { NavigateDetail } from '@tessera/ui-kit'

const serverPrefixes = ['/api/', '/ui/', '/docs', '/healthz', '/readyz', '/metrics']

export interface AppLocation {
  pathname: string
  search: string
}

export class HistoryRouter {
  private readonly onChange: (location: AppLocation) => void

  constructor(onChange: (location: AppLocation) => void) {
    this.onChange = onChange
  }

  get location(): AppLocation {
    return { pathname: window.location.pathname, search: window.location.search }
  }

  start(): void {
    window.addEventListener('popstate', this.onPopState)
    window.addEventListener('tz-navigate', this.onNavigate)
    document.addEventListener('click', this.onClick)
  }

  stop(): void {
    window.removeEventListener('popstate', this.onPopState)
    window.removeEventListener('tz-navigate', this.onNavigate)
    document.removeEventListener('click', this.onClick)
  }

  /** Whether the shell (not the server) handles this same-origin path. */
  static handles(pathname: string): boolean {
    return !serverPrefixes.some((p) => pathname === p.replace(/\/$/, '') || pathname.startsWith(p))
  }

  go(path: string, replace = false): void {
    const url = new URL(path, window.location.origin)
    const target = url.pathname + url.search + url.hash
    if (target !== window.location.pathname + window.location.search + window.location.hash) {
      if (replace) history.replaceState(null, '', target)
      else history.pushState(null, '', target)
    }
    if (!url.hash) window.scrollTo(0, 0)
    this.onChange(this.location)
  }

  private readonly onPopState = (): void => this.onChange(this.location)

  private readonly onNavigate = (event: Event): void => {
    const { path, replace } = (event as CustomEvent<NavigateDetail>).detail
    const url = new URL(path, window.location.origin)
    if (url.origin !== window.location.origin || !HistoryRouter.handles(url.pathname)) return
    event.preventDefault()
    this.go(path, replace)
  }

  private readonly onClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return
    }
    const anchor = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement)
    if (!anchor || !anchor.href || anchor.hasAttribute('download')) return
    if (anchor.target && anchor.target !== '_self') return
    const url = new URL(anchor.href)
    if (url.origin !== window.location.origin || !HistoryRouter.handles(url.pathname)) return
    event.preventDefault()
    this.go(url.pathname + url.search + url.hash)
  }
}
