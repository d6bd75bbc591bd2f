/**
 * Loads Stripe.js once per URL (a classic `<script>` in the document head, as Stripe asks — never bundled) and returns
 * its `Stripe` constructor. The URL comes from billing's config (`stripeJsUrl`, default `https://js.stripe.com/v3/`;
 * tests point it at the Stripe fake's stand-in); the kernel's CSP allows the origins billing declares in its manifest.
 * Only the subset the screens use is typed.
 */

/** A mounted Stripe Element. */
export interface StripeElement {
  mount(target: HTMLElement | string): void
  on(event: 'change' | 'ready', handler: (ev: { complete?: boolean; error?: { message: string } }) => void): StripeElement
  destroy(): void
}

/** What `confirmCardPayment` resolves to. */
export interface StripeConfirmResult {
  paymentIntent?: { id: string; status: string }
  error?: { type: string; code?: string; message?: string }
}

/** The part of a Stripe.js instance the screens use. */
export interface StripeJs {
  elements(): { create(type: 'card'): StripeElement }
  confirmCardPayment(clientSecret: string, data: { payment_method: { card: StripeElement } }): Promise<StripeConfirmResult>
}

type StripeFactory = (publishableKey: string) => StripeJs

const loading = new Map<string, Promise<StripeFactory>>()

/** The `Stripe` constructor from `url`. */
export function loadStripe(url: string): Promise<StripeFactory> {
  let p = loading.get(url)
  if (!p) {
    p = new Promise<StripeFactory>((resolve, reject) => {
      const done = () => {
        const factory = (window as unknown as { Stripe?: StripeFactory }).Stripe
        if (factory) resolve(factory)
        else reject(new Error('Stripe.js loaded but did not define Stripe.'))
      }
      const script = document.createElement('script')
      script.src = url
      script.async = true
      script.addEventListener('load', done)
      script.addEventListener('error', () => { loading.delete(url); reject(new Error('Card entry could not be loaded (Stripe.js). Check your connection and try again.')) })
      document.head.append(script)
    })
    loading.set(url, p)
  }
  return p
}
