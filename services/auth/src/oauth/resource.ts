// Resource indicators (RFC 8707 §2; MCP authorization spec "Resource Parameter Implementation";
// ATTACKS A9, D31). A `resource` is an absolute URI without fragment, compared as a string against
// the server's own resources (`${publicUrl}/mcp`, `${publicUrl}/sse`). Absent, it defaults to the
// /mcp resource because older clients omit it. The chosen resource becomes the token audience.
import { OAuthError } from './errors.js'
import { parsePublicOrigin } from './public-origin.js'

export interface ResourcePolicyOptions {
  readonly publicUrl: string
  /** Resource paths on the public origin; the first is the default. Default ['/mcp', '/sse']. */
  readonly paths?: readonly string[]
  /** Accept several `resource` values in one request (RFC 8707 §2 allows it). Default false. */
  readonly allowMultiple?: boolean
}

export type Resources = readonly [string, ...string[]]

export interface ResourcePolicy {
  readonly resources: Resources
  readonly defaultResource: string
  /** The audience(s) of an authorization or code request; OAuthError `invalid_target`. */
  resolve(values: readonly string[]): Resources
  /** Refresh (RFC 8707 §2.2): absent → the grant's resources; otherwise a subset of them. */
  narrow(values: readonly string[], granted: readonly string[]): Resources
}

const invalidTarget = (description: string) => new OAuthError('invalid_target', description)

export function createResourcePolicy(options: ResourcePolicyOptions): ResourcePolicy {
  const origin = parsePublicOrigin(options.publicUrl)
  const paths = options.paths ?? ['/mcp', '/sse']
  if (paths.some((path) => !/^\/[A-Za-z0-9._~/-]*$/.test(path))) {
    throw new TypeError('resource paths must be absolute paths without query or fragment')
  }
  const list = paths.map((path) => `${origin}${path}`)
  const [first, ...rest] = list
  if (first === undefined) throw new TypeError('at least one resource path is required')
  const resources: Resources = [first, ...rest]
  const known = new Set(list)
  const allowMultiple = options.allowMultiple ?? false

  function checkValues(values: readonly string[]): void {
    if (values.length > 1 && !allowMultiple) throw invalidTarget('only one resource may be requested')
    for (const value of values) {
      if (!URL.canParse(value) || value.includes('#')) {
        throw invalidTarget('resource must be an absolute URI without a fragment')
      }
      if (!known.has(value)) throw invalidTarget('resource is not served by this authorization server')
    }
  }

  const dedupe = (values: readonly string[]): Resources => {
    const [head, ...tail] = [...new Set(values)]
    if (head === undefined) throw invalidTarget('resource is required')
    return [head, ...tail]
  }

  return {
    resources,
    defaultResource: first,
    resolve(values) {
      if (values.length === 0) return [first]
      checkValues(values)
      return dedupe(values)
    },
    narrow(values, granted) {
      if (values.length === 0) return dedupe(granted)
      checkValues(values)
      if (values.some((value) => !granted.includes(value))) {
        throw invalidTarget('resource was not part of the original grant')
      }
      return dedupe(values)
    },
  }
}
