// Plain HTTP calls through the gateway for tests that count status codes (failure tests): one
// JSON-RPC request to /mcp with a bearer (MCP Streamable HTTP, the answer as JSON or as one SSE
// event), and a refresh at /token (RFC 6749 §6). Nothing retries, so each outcome is seen as it was.

export interface McpReply {
  status: number
  wwwAuthenticate: string | null
  /** The JSON-RPC response (a JSON body or the SSE event answering the request), when there was one. */
  message: { result?: { isError?: boolean; structuredContent?: unknown }; error?: { code: number } } | null
  /** Set when no answer came within the time limit (a hang, not a status). */
  timedOut: boolean
}

function jsonRpcOf(contentType: string, text: string): McpReply['message'] {
  try {
    if (contentType.startsWith('text/event-stream')) {
      const data = text
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
      const last = data.at(-1)
      return last === undefined ? null : (JSON.parse(last) as McpReply['message'])
    }
    return JSON.parse(text) as McpReply['message']
  } catch {
    return null
  }
}

let nextId = 1

/** tools/call `name` with `args`, as a stateless Streamable HTTP client sends it. */
export async function callTool(
  mcpUrl: string,
  accessToken: string,
  name: string,
  args: Record<string, unknown> = {},
  timeoutMs = 15_000,
): Promise<McpReply> {
  let response: Response
  try {
    response = await fetch(mcpUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2025-06-18',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: nextId++,
        method: 'tools/call',
        params: { name, arguments: args },
      }),
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (err) {
    if (err instanceof Error && err.name === 'TimeoutError')
      return { status: 0, wwwAuthenticate: null, message: null, timedOut: true }
    throw err
  }
  const text = await response.text().catch(() => '')
  return {
    status: response.status,
    wwwAuthenticate: response.headers.get('www-authenticate'),
    message: jsonRpcOf(response.headers.get('content-type') ?? '', text),
    timedOut: false,
  }
}

/** True when the call reached the tool and the tool answered without an error. */
export function succeeded(reply: McpReply): boolean {
  return reply.status === 200 && reply.message?.result !== undefined && reply.message.result.isError !== true
}

export interface RefreshReply {
  status: number
  body: { access_token?: string; refresh_token?: string; error?: string }
}

/** grant_type=refresh_token at /token for a public client (RFC 6749 §6, RFC 8707 resource). */
export async function refreshGrant(
  publicUrl: string,
  input: { refreshToken: string; clientId: string; resource: string },
): Promise<RefreshReply> {
  const response = await fetch(`${publicUrl}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: input.refreshToken,
      client_id: input.clientId,
      resource: input.resource,
    }).toString(),
    signal: AbortSignal.timeout(15_000),
  })
  return { status: response.status, body: (await response.json()) as RefreshReply['body'] }
}
