// A bare GET /sse over fetch, read up to its `endpoint` event, for tests that look at the wire.
export interface RawSse {
  response: Response
  sessionId: string
  endpoint: string
  /** Everything read from the stream so far. */
  text(): string
  /** Reads until `pattern` appears in the stream (or it ends: then rejects). */
  readUntil(pattern: RegExp): Promise<string>
  close(): Promise<void>
}

export async function openRawSse(url: string, accessToken: string): Promise<RawSse> {
  const controller = new AbortController()
  const response = await fetch(new URL('/sse', url), {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'text/event-stream' },
    signal: controller.signal,
  })
  if (response.status !== 200 || !response.body) throw new Error(`GET /sse answered ${response.status}`)
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  async function readUntil(pattern: RegExp): Promise<string> {
    for (;;) {
      const match = pattern.exec(buffer)
      if (match) return match[0]
      const { value, done } = await reader.read()
      if (done) throw new Error(`stream ended before ${pattern}`)
      buffer += value
    }
  }
  const event = await readUntil(/event: endpoint\ndata: ([^\n]*)\n\n/)
  const endpoint = /data: ([^\n]*)/.exec(event)?.[1] ?? ''
  const sessionId = new URL(endpoint, url).searchParams.get('sessionId') ?? ''
  return {
    response,
    sessionId,
    endpoint,
    text: () => buffer,
    readUntil,
    async close() {
      controller.abort()
      await reader.cancel().catch(() => {})
    },
  }
}

export function postMessage(
  url: string,
  sessionId: string,
  options: { token?: string; body?: string; contentType?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  return fetch(new URL(`/messages?sessionId=${encodeURIComponent(sessionId)}`, url), {
    method: 'POST',
    headers,
    body: options.body ?? JSON.stringify({ jsonrpc: '2.0', method: 'ping', id: 1 }),
  })
}
