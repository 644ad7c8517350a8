// The consent form's POST body (application/x-www-form-urlencoded, HTML §4.10.21.7) as rendered
// by consent-page.ts. Anything else — a repeated field, an unknown decision, oversized values —
// is refused whole; the caller renders the error page (nothing is redirected before the pending
// request and its CSRF token check out).
import { z } from 'zod'

const field = z.string().min(1).max(512)

const schema = z.object({
  csrf_token: field,
  request_id: field,
  decision: z.enum(['approve', 'deny']),
  remember: z.literal('1').optional(),
})

export interface ConsentForm {
  readonly csrfToken: string
  readonly requestId: string
  readonly decision: 'approve' | 'deny'
  readonly remember: boolean
}

/** The parsed form, or null when the body is not exactly what the page posts. */
export function parseConsentForm(body: unknown): ConsentForm | null {
  const parsed = schema.safeParse(body)
  if (!parsed.success) return null
  const { csrf_token, request_id, decision, remember } = parsed.data
  return { csrfToken: csrf_token, requestId: request_id, decision, remember: remember === '1' }
}
