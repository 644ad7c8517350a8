// A scripted browser for sign-in flows in tests: follows redirects by hand, keeps cookies (name,
// path) and submits forms, so tests see every hop the way a user agent would.

interface Cookie {
  name: string
  value: string
  path: string
}

export interface Hop {
  url: string
  response: Response
}

export interface Browser {
  get(url: string): Promise<Response>
  post(url: string, form: Record<string, string>, headers?: Record<string, string>): Promise<Response>
  /** Follows redirects from `url` until a response that is not a redirect or a URL `stop` accepts. */
  follow(url: string, stop?: (url: string) => boolean, first?: Response): Promise<Hop>
  cookies(): Cookie[]
}

export function createBrowser(): Browser {
  let jar: Cookie[] = []

  function store(response: Response, requestUrl: URL): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((p) => p.trim())
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq)
      const value = pair.slice(eq + 1)
      let path = requestUrl.pathname.replace(/\/[^/]*$/, '') || '/'
      let expired = false
      for (const attribute of attributes) {
        const [key = '', val = ''] = attribute.split('=')
        if (key.toLowerCase() === 'path') path = val
        if (key.toLowerCase() === 'expires' && Date.parse(val) <= Date.now()) expired = true
        if (key.toLowerCase() === 'max-age' && Number(val) <= 0) expired = true
      }
      jar = jar.filter((c) => !(c.name === name && c.path === path))
      if (!expired) jar.push({ name, value, path })
    }
  }

  function cookieHeader(url: URL): string {
    return jar
      .filter(
        (c) =>
          url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`),
      )
      .map((c) => `${c.name}=${c.value}`)
      .join('; ')
  }

  async function request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url)
    const headers = new Headers(init.headers)
    const cookie = cookieHeader(target)
    if (cookie) headers.set('cookie', cookie)
    headers.set('accept', 'text/html')
    const response = await fetch(target, { ...init, headers, redirect: 'manual' })
    store(response, target)
    return response
  }

  const browser: Browser = {
    get: (url) => request(url),
    post: (url, form, headers = {}) =>
      request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(form).toString(),
      }),
    async follow(url, stop = () => false, first) {
      let current = url
      let response = first ?? (await request(current))
      for (let hops = 0; hops < 20; hops++) {
        const location = response.headers.get('location')
        if (response.status < 300 || response.status >= 400 || location === null)
          return { url: current, response }
        await response.arrayBuffer()
        current = new URL(location, current).href
        if (stop(current)) return { url: current, response }
        response = await request(current)
      }
      throw new Error(`too many redirects from ${url}`)
    },
    cookies: () => [...jar],
  }
  return browser
}
