// Entra's multi-tenant authorities, `/organizations` and `/common`: users of any tenant sign in to a
// multi-tenant app (registered in each tenant here, as its service principals are in Entra). A thin
// layer over the tenants' own providers: the authorization endpoint asks for the account first and
// sends the browser on to the user's home tenant (home realm discovery, as Entra does), whose
// provider runs the rest of the flow, so each ID token carries that tenant's `iss` and `tid`. The
// token endpoint hands a code or refresh token to the tenant that issued it.
import formbody from '@fastify/formbody'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { aadsts } from './aadsts.js'
import type { RegisteredClient } from './clients.js'
import { MULTI_TENANT_AUTHORITIES } from './discovery.js'
import { entraHeaders, requestIds } from './entra-error.js'
import type { EntraError } from './entra-error.js'
import { escapeHtml, PAGE_HEADERS, renderPage } from './html.js'
import { rawQuery, repeatsParameter } from './identity-context.js'
import type { IdentityContext } from './identity-context.js'
import { ROUTES } from './provider.js'
import { sendErrorPage } from './replies.js'
import type { TenantIdentity } from './tenant-identity.js'

const accountForm = z.object({
  login: z.string().max(256).optional(),
  pick: z.string().max(256).optional(),
})

/**
 * The tenant whose provider issued the body's code or refresh token; otherwise the first tenant the
 * client is registered in (or the first tenant), whose provider then refuses the grant as Entra does.
 */
export async function issuingTenant(
  context: IdentityContext,
  body: URLSearchParams,
): Promise<TenantIdentity> {
  const identities = [...context.identities.values()]
  const code = body.get('code')
  const refreshToken = body.get('refresh_token')
  const grantType = body.get('grant_type')
  for (const identity of identities) {
    const { provider } = identity
    const issued =
      grantType === 'authorization_code' && code
        ? await provider.AuthorizationCode.find(code, { ignoreExpiration: true })
        : grantType === 'refresh_token' && refreshToken
          ? await provider.RefreshToken.find(refreshToken, { ignoreExpiration: true })
          : undefined
    if (issued) return identity
  }
  const clientId = body.get('client_id')
  const registered = clientId
    ? identities.find((identity) => context.clients.get(identity.tenant.id, clientId))
    : undefined
  const fallback = registered ?? identities[0]
  if (!fallback) throw new Error('the emulator has no tenant')
  return fallback
}

/** The app registration in the first tenant that has it: its redirect URIs and name are the app's. */
function findApp(context: IdentityContext, clientId: string): RegisteredClient | undefined {
  for (const tenant of context.tenants) {
    const client = context.clients.get(tenant.id, clientId)
    if (client) return client
  }
  return undefined
}

interface AccountPickerModel {
  action: string
  appName: string
  users: ReadonlyArray<{ displayName: string; userPrincipalName: string; tenantName: string }>
  username: string
  error?: EntraError
}

/** The account prompt of a multi-tenant authority; the password is asked by the user's home tenant. */
export function renderAccountPicker(model: AccountPickerModel): string {
  const users = model.users
    .map(
      (u) =>
        `<button type="submit" name="pick" value="${escapeHtml(u.userPrincipalName)}">${escapeHtml(u.displayName)}` +
        `<small>${escapeHtml(u.userPrincipalName)} (${escapeHtml(u.tenantName)})</small></button>`,
    )
    .join('\n')
  const error = model.error
    ? `<p class="error" role="alert">AADSTS${model.error.code}: ${escapeHtml(model.error.message)}</p>`
    : ''
  return renderPage(
    `Sign in to ${model.appName}`,
    `<h1>Sign in</h1>
<p>to continue to <span class="app">${escapeHtml(model.appName)}</span> (any organization)</p>
${error}
<form method="post" action="${escapeHtml(model.action)}">
<label for="login">Email or username</label>
<input type="text" id="login" name="login" autocomplete="username" value="${escapeHtml(model.username)}">
<button type="submit">Next</button>
<p>Or pick a demo account:</p>
<div class="users">
${users}
</div>
</form>`,
  )
}

type AuthorityRequest = FastifyRequest

export function registerMultiTenantRoutes(app: FastifyInstance, context: IdentityContext): void {
  /** The app and its validated redirect URI, or the error page already sent (nothing is redirected before). */
  function checkRequest(request: AuthorityRequest, reply: FastifyReply): RegisteredClient | undefined {
    const page = (err: EntraError) =>
      void sendErrorPage(reply, err, requestIds(request.headers), context.now())
    const query = rawQuery(request)
    if (repeatsParameter(query)) return page(aadsts.malformed())
    const clientId = query.get('client_id')
    if (!clientId) return page(aadsts.missingParameter('client_id'))
    const client = findApp(context, clientId)
    if (!client) return page(aadsts.unknownClient(clientId, 'any organization'))
    const redirectUri =
      query.get('redirect_uri') ?? (client.redirectUris.length === 1 ? client.redirectUris[0] : undefined)
    if (!redirectUri) return page(aadsts.missingParameter('redirect_uri'))
    if (!client.redirectUris.includes(redirectUri))
      return page(aadsts.redirectMismatch(redirectUri, clientId))
    return client
  }

  function showPicker(
    request: AuthorityRequest,
    reply: FastifyReply,
    client: RegisteredClient,
    username: string,
    error?: EntraError,
  ) {
    const url = request.raw.url ?? ''
    const users = [...context.identities.values()].flatMap((identity) =>
      identity.directory.demoUsers().map((u) => ({ ...u, tenantName: identity.tenant.name })),
    )
    const html = renderAccountPicker({ action: url, appName: client.name, users, username, error })
    return reply
      .code(200)
      .headers({ ...PAGE_HEADERS, ...entraHeaders(requestIds(request.headers)) })
      .send(html)
  }

  void app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 16 * 1024 })
    for (const authority of MULTI_TENANT_AUTHORITIES) {
      const path = `/${authority}${ROUTES.authorization}`
      scope.get(path, async (request, reply) => {
        const client = checkRequest(request, reply)
        if (!client) return reply
        return showPicker(request, reply, client, rawQuery(request).get('login_hint') ?? '')
      })

      // The account is known: on to its home tenant's authorization endpoint, which checks the rest
      // of the request and asks for the password.
      scope.post(path, async (request, reply) => {
        const client = checkRequest(request, reply)
        if (!client) return reply
        const ids = requestIds(request.headers)
        const form = accountForm.safeParse(request.body ?? {})
        if (!form.success) return sendErrorPage(reply, aadsts.malformed(), ids, context.now())
        const username = (form.data.pick ?? form.data.login ?? '').trim()
        const home = [...context.identities.values()].find((identity) => identity.directory.byUpn(username))
        if (!home) return showPicker(request, reply, client, username, aadsts.invalidCredentials())
        if (!context.clients.get(home.tenant.id, client.clientId)) {
          return sendErrorPage(
            reply,
            aadsts.unknownClient(client.clientId, home.tenant.name),
            ids,
            context.now(),
          )
        }
        const query = rawQuery(request)
        query.set('login_hint', username)
        return reply.redirect(
          `${context.origin}/${home.tenant.id}${ROUTES.authorization}?${query.toString()}`,
          303,
        )
      })
    }
  })
}
