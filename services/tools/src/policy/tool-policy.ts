// Which tools one user may see and call (issue 4, "Tool visibility per user"). Pure: no I/O.
//
// A tool is visible when every rule below passes; the first failing rule, in this order, is the
// reason it is hidden:
//   1. denied          - named in `deny` (deny always wins, even over allow and role rules);
//   2. not_allowed     - `allow` is set and does not name it;
//   3. writes_disabled - a write tool while `writesEnabled` is false (the default);
//   4. role            - some `roleRules` name it and the user's token carries none of those rules'
//                        app role / group values (tools named in no rule are unaffected);
//   5. permission      - none of its any-of Graph permissions is granted to this grant (a tool that
//                        needs none, like `add`, passes). Compared case-insensitively, as Graph.
// `tools/list` offers only visible tools, and `tools/call` of a hidden tool must be refused exactly
// like an unknown one, so a user cannot learn from errors what the policy hides.
import { grantedScopes, type GrantedScopes } from './granted-scopes.js'
import type { ToolPolicyConfig } from './tool-policy-config.js'
import type { ToolDefinition } from '../tools/tool-definition.js'

export type HiddenReason = 'permission' | 'writes_disabled' | 'not_allowed' | 'denied' | 'role'

export interface ToolUser {
  /** Delegated Graph permissions granted to the user's grant (from the token exchange). */
  readonly grantedScopes: readonly string[]
  /** App roles and group ids carried in our access token. */
  readonly claims: { readonly roles?: readonly string[]; readonly groups?: readonly string[] }
}

export interface ToolVisibility {
  readonly visible: ToolDefinition[]
  readonly hidden: { readonly name: string; readonly reason: HiddenReason }[]
}

interface PreparedUser {
  readonly scopes: GrantedScopes
  readonly roles: ReadonlySet<string>
  readonly groups: ReadonlySet<string>
}

function prepare(user: ToolUser): PreparedUser {
  return {
    scopes: grantedScopes(user.grantedScopes),
    roles: new Set(user.claims.roles ?? []),
    groups: new Set(user.claims.groups ?? []),
  }
}

function hiddenReason(
  tool: ToolDefinition,
  user: PreparedUser,
  policy: ToolPolicyConfig,
): HiddenReason | undefined {
  if (policy.deny?.includes(tool.name)) return 'denied'
  if (policy.allow && !policy.allow.includes(tool.name)) return 'not_allowed'
  if (tool.write && !policy.writesEnabled) return 'writes_disabled'
  const rules = (policy.roleRules ?? []).filter((rule) => rule.tools.includes(tool.name))
  if (rules.length > 0) {
    const matches = rules.some((rule) => (rule.claim === 'roles' ? user.roles : user.groups).has(rule.value))
    if (!matches) return 'role'
  }
  if (!user.scopes.allowsAnyOf(tool.permissions)) return 'permission'
  return undefined
}

/** Why `tool` is hidden from `user`, or undefined when it is visible. */
export function toolHiddenReason(
  tool: ToolDefinition,
  user: ToolUser,
  policy: ToolPolicyConfig,
): HiddenReason | undefined {
  return hiddenReason(tool, prepare(user), policy)
}

/** Splits `tools` into those `user` may see (in the given order) and the hidden ones with why. */
export function visibleTools(
  tools: readonly ToolDefinition[],
  user: ToolUser,
  policy: ToolPolicyConfig,
): ToolVisibility {
  const prepared = prepare(user)
  const visible: ToolDefinition[] = []
  const hidden: { name: string; reason: HiddenReason }[] = []
  for (const tool of tools) {
    const reason = hiddenReason(tool, prepared, policy)
    if (reason) hidden.push({ name: tool.name, reason })
    else visible.push(tool)
  }
  return { visible, hidden }
}

/** The visible tool called `name`, or undefined when it is unknown or hidden (refuse both alike). */
export function findVisibleTool(
  name: string,
  tools: readonly ToolDefinition[],
  user: ToolUser,
  policy: ToolPolicyConfig,
): ToolDefinition | undefined {
  const tool = tools.find((candidate) => candidate.name === name)
  if (!tool) return undefined
  return hiddenReason(tool, prepare(user), policy) ? undefined : tool
}

/** For `tools/call`: false for unknown and hidden tools alike. */
export function isToolVisible(
  name: string,
  tools: readonly ToolDefinition[],
  user: ToolUser,
  policy: ToolPolicyConfig,
): boolean {
  return findVisibleTool(name, tools, user, policy) !== undefined
}
