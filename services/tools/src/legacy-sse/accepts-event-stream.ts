// Whether an Accept header allows `text/event-stream` (RFC 9110 §12.5.1): a media range matching
// it (exact, `text/*` or `*/*`) with q > 0. No Accept header at all means any media type.
export function acceptsEventStream(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true
  return accept.split(',').some((range) => {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase())
    if (type !== 'text/event-stream' && type !== 'text/*' && type !== '*/*') return false
    const q = params.find((param) => param.startsWith('q='))
    return q === undefined || Number(q.slice(2)) > 0
  })
}
