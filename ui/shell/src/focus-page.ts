/**
 * Where keyboard focus goes when the screen changes (issue 14 item 10): after a navigation, to the new page's heading
 * (its `<h1>`, made focusable with `tabindex="-1"`), so a screen-reader user hears where they are and Tab continues
 * from the top of the content; on the sign-in screen, to its first field. Screens render asynchronously (a plugin's
 * module loads first, then its data), so the target is looked for on each animation frame for up to three seconds,
 * through open shadow roots; if the person moves focus themselves meanwhile, nothing is taken from them.
 */

/** The first element matching `selector` under `root`, looking inside open shadow roots. */
export function deepQuery<T extends Element>(root: ParentNode, selector: string): T | null {
  const direct = root.querySelector<T>(selector)
  if (direct) return direct
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) {
      const found = deepQuery<T>(el.shadowRoot, selector)
      if (found) return found
    }
  }
  return null
}

/** The focused element, looking inside open shadow roots. */
function deepActive(): Element | null {
  let el: Element | null = document.activeElement
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
  return el
}

/** Focuses the first match of `selector` under `root` once it appears; `fallback` gets focus when none does. */
function focusWhenThere(root: ParentNode, selector: string, prepare: (el: HTMLElement) => void, fallback?: HTMLElement): void {
  const start = performance.now()
  const before = deepActive()
  const step = () => {
    // the person moved focus themselves (clicked a field, tabbed on): leave it there
    const now = deepActive()
    if (now !== before && now !== document.body && now !== null) return
    const target = deepQuery<HTMLElement>(root, selector)
    if (target) {
      prepare(target)
      target.focus({ preventScroll: true })
      return
    }
    if (performance.now() - start < 3000) requestAnimationFrame(step)
    else fallback?.focus({ preventScroll: true })
  }
  requestAnimationFrame(step)
}

/** After a navigation: focus the page heading inside `main` (or `main` itself when the page has none). */
export function focusPageHeading(main: HTMLElement): void {
  main.focus({ preventScroll: true })
  focusWhenThere(main, 'h1', (h1) => {
    if (!h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1')
  })
}

/** On the sign-in screen: focus its first text field. */
export function focusFirstField(root: ParentNode): void {
  focusWhenThere(root, 'input:not([type=hidden]):not([disabled])', () => {})
}
