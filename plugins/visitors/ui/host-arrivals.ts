/**
 * The host's arrival toast, for the whole page: once any visitors element (the screen, the dashboard widget) has
 * seen the signed-in user, `visitors.visitor.arrived` events addressed to them (the kernel delivers them to the host's
 * sockets through `ui.userField`) show "Your visitor has arrived" wherever the user is in the app — the module stays
 * loaded, so the subscription outlives the element. One subscription per page; a new user replaces the old one.
 */
import { realtime, toast } from '@tessera/ui-kit'
import type { VisitorArrived } from '../src/contract/index.ts'
import { arrivalMessage } from './visit-labels.ts'

let listening: { userId: string; stop: () => void } | undefined

/** Tells `userId` (the signed-in user) when their visitors arrive, from now on. */
export function notifyHostArrivals(userId: string | undefined): void {
  if (!userId || listening?.userId === userId) return
  listening?.stop()
  const stop = realtime().subscribe<VisitorArrived>('visitors.visitor.arrived', (event) => {
    if (event.data.hostUserId === userId) toast({ variant: 'info', title: 'Your visitor has arrived', message: arrivalMessage(event.data), timeout: 15_000 })
  })
  listening = { userId, stop }
}

// signed out: stop until an element sees the next user
window.addEventListener('tz-unauthorized', () => {
  listening?.stop()
  listening = undefined
})
