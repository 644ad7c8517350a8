// Errors that mean "no connection to that upstream" (as opposed to a bad request or a failure after
// the request was written): only these mark a replica down and allow a retry elsewhere.
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
])

export function isConnectError(error: Error): boolean {
  const code = (error as { code?: string }).code
  return code !== undefined && CONNECT_CODES.has(code)
}
