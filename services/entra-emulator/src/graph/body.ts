// Request bodies are read the way Graph's OData layer reads them: an unknown property is refused
// ("RequestBodyRead … does not exist on type …"), as is a value of the wrong type; a missing body is
// Graph's "Unable to read JSON request payload".
import { z } from 'zod'
import { GraphError, unreadableBody } from './errors.js'

export function parseBody<S extends z.ZodType>(schema: S, body: unknown, typeName: string): z.output<S> {
  if (body === undefined || body === null || typeof body !== 'object') throw unreadableBody()
  const result = schema.safeParse(body)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  if (!issue) throw unreadableBody()
  const where = issue.path.map(String).join('.')
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? ''
    throw new GraphError(
      400,
      'RequestBodyRead',
      `The property '${key}' does not exist on type '${typeName}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
    )
  }
  throw new GraphError(400, 'RequestBodyRead', `Invalid value for '${where || typeName}': ${issue.message}`)
}

/** Graph enum values are matched case-insensitively ("HTML", "html"); the canonical spelling is kept. */
export function graphEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.string().transform((v, ctx) => {
    const found = values.find((x): x is T[number] => x.toLowerCase() === v.toLowerCase())
    if (found === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected one of ${values.join(', ')}` })
      return z.NEVER
    }
    return found
  })
}

export const emailAddressBody = z.strictObject({
  address: z.string().max(320),
  name: z.string().max(256).optional(),
})

export const recipientBody = z.strictObject({ emailAddress: emailAddressBody })

export const itemBodyBody = z.strictObject({
  contentType: graphEnum(['text', 'html'] as const).optional(),
  content: z.string().max(4_000_000),
})

export const dateTimeTimeZoneBody = z.strictObject({
  dateTime: z.string(),
  timeZone: z.string().optional(),
})

/** An SMTP address as Exchange resolves it: one local part, one domain with a dot. */
export const SMTP_ADDRESS = /^[^\s@<>()"',;:]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/
