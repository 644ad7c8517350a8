// A tiny site on 127.0.0.1 standing in for two things a browser test needs: the client's loopback
// redirect URI (RFC 8252 §7.3), which records where the browser landed, and a page of ANOTHER
// origin that tries to frame a URL of ours (clickjacking check).
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface LoopbackSite {
  origin: string
  redirectUri: string
  /** URLs the browser reached under /callback, in order. */
  landed: URL[]
  /** A page of this origin that frames `url`. */
  framingPage(url: string): string
  close(): Promise<void>
}

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

export async function startLoopbackSite(): Promise<LoopbackSite> {
  const landed: URL[] = []
  const frames = new Map<string, string>()
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/callback') {
      landed.push(new URL(req.url ?? '/', origin))
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>Signed in</h1>')
      return
    }
    const framed = frames.get(url.pathname)
    if (framed !== undefined) {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(`<h1>Another site</h1><iframe id="victim" src="${escapeAttribute(framed)}"></iframe>`)
      return
    }
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    redirectUri: `${origin}/callback`,
    landed,
    framingPage(url) {
      const path = `/frame-${frames.size}`
      frames.set(path, url)
      return `${origin}${path}`
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
