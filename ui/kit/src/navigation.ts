/**
 * Client-side navigation between shell and plugin screens without a page load.
 *
 * `navigate('/bookings/calendar')` asks the shell to show a path (it pushes a history entry and renders the
 * route). Plain `<a href="/bookings">` links work too: the shell intercepts same-origin link clicks. The
 * shell listens for `tz-navigate` on `window`; a page without the shell simply gets a normal page load.
 */

export interface NavigateDetail {
  path: string
  replace: boolean
}

/** Asks the shell to show `path` (an app path like `/bookings?date=2026-01-01`). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const event = new CustomEvent<NavigateDetail>('tz-navigate', {
    detail: { path, replace: options.replace ?? false },
    cancelable: true,
  })
  // The shell calls preventDefault() when it handled the navigation.
  if (window.dispatchEvent(event)) window.location.assign(path)
}
