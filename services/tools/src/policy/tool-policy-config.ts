// The operator's tool policy (issue 4, "Tool visibility per user") and its zod schema. Tool names
// are checked against the tools this build offers, so a typo in allow/deny/roleRules fails at
// start naming the bad names instead of silently hiding or exposing a tool.
import { z } from 'zod'

/** Which token claim a role rule reads: Entra app roles (`roles`) or group object ids (`groups`). */
export type RoleRuleClaim = 'roles' | 'groups'

export interface RoleRule {
  readonly claim: RoleRuleClaim
  /** An app role value or a group object id, compared exactly as Entra emits it. */
  readonly value: string
  /** Tools that users carrying `value` in `claim` may see. */
  readonly tools: readonly string[]
}

export interface ToolPolicyConfig {
  /** Write tools (`write: true`) are offered only when this is true. */
  readonly writesEnabled: boolean
  /** When set, only these tools are offered. */
  readonly allow?: readonly string[] | undefined
  /** Always hidden; wins over `allow` and role rules. */
  readonly deny?: readonly string[] | undefined
  /** Tools named in some rule are offered only to users matching one of that tool's rules. */
  readonly roleRules?: readonly RoleRule[] | undefined
}

function toolNameList(known: ReadonlySet<string>) {
  return z.array(z.string().min(1)).superRefine((names, ctx) => {
    const unknown = [...new Set(names.filter((name) => !known.has(name)))]
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown tool names: ${unknown.join(', ')} (known: ${[...known].join(', ')})`,
      })
    }
  })
}

/** The policy schema for a build offering `knownToolNames`; parse output is a `ToolPolicyConfig`. */
export function toolPolicyConfigSchema(knownToolNames: readonly string[]) {
  const known = new Set(knownToolNames)
  const names = toolNameList(known)
  return z.strictObject({
    writesEnabled: z
      .boolean()
      .default(false)
      .describe('Offer write tools (sendMail, createCalendarEvent). Off by default.'),
    allow: names
      .min(1, 'an empty allow list would hide every tool; omit allow to offer all tools')
      .optional()
      .describe('When set, only these tools are offered.'),
    deny: names.optional().describe('Tools never offered; wins over allow and role rules.'),
    roleRules: z
      .array(
        z.strictObject({
          claim: z.enum(['roles', 'groups']).describe('Token claim to read: app roles or group ids.'),
          value: z.string().min(1).describe('App role value or group object id.'),
          tools: names.min(1).describe('Tools that users carrying this value may see.'),
        }),
      )
      .optional()
      .describe('Tools named in some rule are offered only to users matching one of its rules.'),
  }) satisfies z.ZodType<ToolPolicyConfig>
}
