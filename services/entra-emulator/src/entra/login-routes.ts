// The sign-in page of an authorization request (oidc-provider's interaction at /{tenant}/login/{uid}).
// The interaction is bound to the browser by oidc-provider's path-scoped, SameSite=Lax cookie, which a
// cross-site form post does not carry. A signed-in user who only owes consent is not shown a page:
// consent is recorded at once, as for the admin-consented permissions of Entra app registrations.
import { createHash, timingSafeEqual } from 'node:crypto'
import formbody from '@fastify/formbody'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Interaction, InteractionResults } from 'oidc-provider'
import { z } from 'zod'
import { aadsts } from './aadsts.js'
import type { RegisteredClient } from './clients.js'
import { entraHeaders, requestIds } from './entra-error.js'
import type { EntraError } from './entra-error.js'
import { recordConsent } from './grants.js'
import { PAGE_HEADERS } from './html.js'
import { findIdentity } from './identity-context.js'
import type { IdentityContext } from './identity-context.js'
import { renderLoginPage } from './login-page.js'
import { sendErrorPage } from './replies.js'
import { fromProviderScope } from './scopes.js'
import type { TenantIdentity } from './tenant-identity.js'
import { DEMO_PASSWORD } from './tenants.js'

type LoginRequest = FastifyRequest<{ Params: { tenant: string; uid: string } }>

const loginForm = z.object({
  login: z.string().max(256).optional(),
  pick: z.string().max(256).optional(),
  password: z.string().max(256).optional(),
  cancel: z.string().max(8).optional(),
})

const text = (value: unknown) => (typeof value === 'string' ? value : '')

function passwordMatches(given: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(given), digest(DEMO_PASSWORD))
}

interface OpenInteraction {
  identity: TenantIdentity
  details: Interaction
  client: RegisteredClient
}

export function registerLoginRoutes(app: FastifyInstance, context: IdentityContext): void {
  /** The interaction this browser is in, or the error page already sent. */
  async function open(request: LoginRequest, reply: FastifyReply): Promise<OpenInteraction | undefined> {
    const ids = requestIds(request.headers)
    const page = (err: EntraError) => void sendErrorPage(reply, err, ids, context.now())
    const found = findIdentity(context, request.params.tenant)
    if (!found.ok) return page(found.error)
    let details: Interaction
    try {
      details = await found.identity.provider.interactionDetails(request.raw, reply.raw)
    } catch {
      return page(aadsts.flowExpired()) // no interaction cookie, or the interaction expired
    }
    if (details.uid !== request.params.uid) return page(aadsts.flowExpired())
    const client = context.clients.get(found.identity.tenant.id, text(details.params.client_id))
    if (!client) return page(aadsts.unknownClient(text(details.params.client_id), found.identity.tenant.name))
    return { identity: found.identity, details, client }
  }

  function showPage(
    reply: FastifyReply,
    request: LoginRequest,
    open: OpenInteraction,
    username: string,
    error?: EntraError,
  ) {
    const { identity, details, client } = open
    const html = renderLoginPage({
      action: `/${identity.tenant.id}/login/${encodeURIComponent(details.uid)}`,
      appName: client.name,
      tenantName: identity.tenant.name,
      scopes: fromProviderScope(text(details.params.scope)),
      users: identity.directory.demoUsers(),
      username,
      demoPassword: DEMO_PASSWORD,
      error,
    })
    return reply
      .code(200)
      .headers({ ...PAGE_HEADERS, ...entraHeaders(requestIds(request.headers)) })
      .send(html)
  }

  async function finish(
    request: LoginRequest,
    reply: FastifyReply,
    identity: TenantIdentity,
    result: InteractionResults,
  ) {
    const returnTo = await identity.provider.interactionResult(request.raw, reply.raw, result, {
      mergeWithLastSubmission: false,
    })
    return reply.redirect(returnTo, 303)
  }

  void app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 16 * 1024 })

    scope.get<{ Params: { tenant: string; uid: string } }>('/:tenant/login/:uid', async (request, reply) => {
      const interaction = await open(request, reply)
      if (!interaction) return reply
      const { identity, details, client } = interaction
      const accountId = details.session?.accountId
      if (details.prompt.name === 'consent' && accountId !== undefined) {
        const grantId = await recordConsent(identity.provider, {
          grantId: details.grantId,
          accountId,
          clientId: client.clientId,
          scope: text(details.params.scope),
        })
        return finish(request, reply, identity, { consent: { grantId } })
      }
      return showPage(reply, request, interaction, text(details.params.login_hint))
    })

    scope.post<{ Params: { tenant: string; uid: string } }>('/:tenant/login/:uid', async (request, reply) => {
      const interaction = await open(request, reply)
      if (!interaction) return reply
      const { identity, details, client } = interaction
      const form = loginForm.safeParse(request.body ?? {})
      if (!form.success)
        return sendErrorPage(reply, aadsts.malformed(), requestIds(request.headers), context.now())
      if (form.data.cancel !== undefined) {
        return finish(request, reply, identity, {
          error: 'access_denied',
          error_description: 'User declined to consent to access the app.',
        })
      }
      const username = (form.data.pick ?? form.data.login ?? '').trim()
      const user = identity.directory.byUpn(username)
      if (!user || !passwordMatches(form.data.password ?? '')) {
        return showPage(reply, request, interaction, username, aadsts.invalidCredentials())
      }
      if (!user.accountEnabled)
        return showPage(reply, request, interaction, username, aadsts.accountDisabled())
      const grantId = await recordConsent(identity.provider, {
        grantId: details.grantId,
        accountId: user.id,
        clientId: client.clientId,
        scope: text(details.params.scope),
      })
      request.log.info(
        { tenant: identity.tenant.id, oid: user.id, clientId: client.clientId },
        'demo user signed in',
      )
      return finish(request, reply, identity, {
        login: { accountId: user.id, remember: false },
        consent: { grantId },
      })
    })
  })
}
