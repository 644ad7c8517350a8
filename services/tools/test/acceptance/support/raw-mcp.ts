// A bare Streamable HTTP POST to `/mcp`, for the answers a client library would hide (status codes
// and `WWW-Authenticate` challenges, RFC 6750 §3).
export async function postMcp(
  baseUrl: string,
  accessToken: string | undefined,
  body: unknown = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} },
): Promise<Response> {
  return fetch(`${baseUrl}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-11-25',
      ...(accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` }),
    },
    body: JSON.stringify(body),
  })
}

/** The auth-param `name` of a Bearer challenge, e.g. `error` or `resource_metadata`. */
export function challengeParam(challenge: string, name: string): string | undefined {
  return new RegExp(`(?:^|[\\s,])${name}="([^"]*)"`).exec(challenge)?.[1]
}
