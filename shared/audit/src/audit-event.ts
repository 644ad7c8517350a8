// The audit record: who did what through which client, how it ended and how long it took, with
// Graph's request ids for support cases. By construction it holds no token, no message body and no
// tool argument: every field is an id, an enum or a short code, and unknown fields are stripped.
import { z } from 'zod'

export const AUDIT_SERVICES = ['auth', 'tools'] as const
export const AUDIT_KINDS = [
  'tool_call',
  'grant_created',
  'grant_refreshed',
  'grant_revoked',
  'refresh_token_reuse',
  'consent_denied',
] as const
export const AUDIT_OUTCOMES = ['ok', 'tool_error', 'denied', 'error'] as const

export type AuditService = (typeof AUDIT_SERVICES)[number]
export type AuditKind = (typeof AUDIT_KINDS)[number]
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number]

// Ids and names: printable ASCII without spaces, bounded. A token would fit the shape, so the
// producers pass only fields that are ids by origin (sub, client_id, grant id, tool name).
const JWT_LIKE = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\./
const identifier = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
  .refine((value) => !JWT_LIKE.test(value), 'looks like a JSON Web Token')
// A short machine code such as `client_revoked`, never free text from upstream.
const code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case code')

export const auditEventSchema = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    service: z.enum(AUDIT_SERVICES),
    kind: z.enum(AUDIT_KINDS),
    /** Our `sub` (the user's stable id, never an email); absent only when nobody signed in yet. */
    subject: identifier.optional(),
    tenantId: identifier.optional(),
    /** An opaque id or, for a client metadata document, its https URL. */
    clientId: z
      .string()
      .min(1)
      .max(2048)
      .regex(/^[\x21-\x7e]+$/)
      .refine((value) => !JWT_LIKE.test(value), 'looks like a JSON Web Token')
      .optional(),
    grantId: identifier.optional(),
    tool: identifier.optional(),
    outcome: z.enum(AUDIT_OUTCOMES),
    durationMs: z.number().int().nonnegative().optional(),
    /** The `request-id` header of each Graph response of the call, in order. */
    graphRequestIds: z.array(identifier).max(50).optional(),
    reason: code.optional(),
  })
  .superRefine((event, ctx) => {
    if (event.subject === undefined && event.kind !== 'consent_denied')
      ctx.addIssue({ code: 'custom', path: ['subject'], message: `is required for ${event.kind}` })
    if (event.kind === 'tool_call' && event.tool === undefined)
      ctx.addIssue({ code: 'custom', path: ['tool'], message: 'is required for tool_call' })
  })

export type AuditEvent = z.output<typeof auditEventSchema>

/** What a producer says; the audit log adds the id, the time and its service. */
export type AuditEventInput = Omit<AuditEvent, 'id' | 'at' | 'service'> & { id?: string }

/** The event, validated and stripped of unknown fields; throws a ZodError otherwise. */
export function parseAuditEvent(value: unknown): AuditEvent {
  return auditEventSchema.parse(value)
}
