// A scripted browser (createBrowser) whose requests to the given origins go to
// other ones, e.g. https://login.microsoftonline.com to the emulator on loopback: what a hosts entry
// and a TLS-terminating proxy would do for a real browser. URLs, redirects and cookie paths stay the
// ones the browser sees; only the connection is routed.
import { createBrowser } from './scripted-browser.js'
import type { Browser } from './scripted-browser.js'

/** Maps a URL whose origin is a key of `routes` onto that route's origin, path and query kept. */
export function routeUrl(routes: Readonly<Record<string, string>>, url: string): string {
  const parsed = new URL(url)
  const to = routes[parsed.origin]
  return to === undefined ? url : `${to}${parsed.pathname}${parsed.search}`
}

export function createRoutedBrowser(routes: Readonly<Record<string, string>>): Browser {
  const inner = createBrowser()
  const browser: Browser = {
    get: (url) => inner.get(routeUrl(routes, url)),
    post: (url, form, headers) => inner.post(routeUrl(routes, url), form, headers),
    async follow(url, stop = () => false, first) {
      let current = url
      let response = first ?? (await browser.get(current))
      for (let hops = 0; hops < 20; hops++) {
        const location = response.headers.get('location')
        if (response.status < 300 || response.status >= 400 || location === null)
          return { url: current, response }
        await response.arrayBuffer()
        current = new URL(location, current).href
        if (stop(current)) return { url: current, response }
        response = await browser.get(current)
      }
      throw new Error(`too many redirects from ${url}`)
    },
    cookies: () => inner.cookies(),
  }
  return browser
}
