/**
 * `loadPluginModule()`: imports a plugin's UI module on demand (`import(url)`) once per URL, and checks that it
 * defined the custom element the route names. A failed load is forgotten so "Try again" can retry it.
 */

const loads = new Map<string, Promise<void>>()

export async function loadPluginModule(url: string, tag: string): Promise<void> {
  let load = loads.get(url)
  if (!load) {
    load = import(/* @vite-ignore */ url).then(() => undefined)
    loads.set(url, load)
  }
  try {
    await load
  } catch (error) {
    loads.delete(url)
    throw error
  }
  if (!customElements.get(tag)) {
    // The module may define elements asynchronously; give it a moment before calling it broken.
    await Promise.race([
      customElements.whenDefined(tag),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`The module ${url} did not define <${tag}>.`)), 3000),
      ),
    ])
  }
}
