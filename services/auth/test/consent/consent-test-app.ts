// A small Fastify app wiring the consent modules the way the authorization server's routes do
// (GET /authorize renders consent, POST /consent decides, 303 onwards), so headers, cookies and
// CSRF rules are checked end to end over HTTP. Clients are a fixed table; "Entra" is a URL.
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify'
import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import { randomToken } from '@m365mcp/crypto'
import {
  ensureBrowserBinding,
  matchesBrowserBinding,
  readBrowserBinding,
} from '../../src/consent/browser-binding.js'
import { createConsentCookies } from '../../src/consent/consent-cookie.js'
import { parseConsentForm } from '../../src/consent/consent-form.js'
import { renderConsentPage } from '../../src/consent/consent-page.js'
import { createCspNonce } from '../../src/consent/csp-nonce.js'
import { createCsrf } from '../../src/consent/csrf.js'
import { renderErrorPage } from '../../src/consent/error-page.js'
import { checkRequestOrigin } from '../../src/consent/request-origin.js'
import { consentScopeList } from '../../src/consent/scope-descriptions.js'
import { htmlPageHeaders } from '../../src/consent/security-headers.js'
import { seeOther } from '../../src/consent/see-other.js'

export const SECRETS = ['k'.repeat(32) + '-current-secret', 'o'.repeat(32) + '-older-secret']
export const PUBLIC_ORIGIN = 'https://mcp.example.com'
export const ENTRA_AUTHORIZE = 'https://login.microsoftonline.com/tenant/oauth2/v2.0/authorize'
export const RESOURCE = 'https://mcp.example.com/mcp'

export interface TestClient {
  readonly name: string
  readonly clientUri?: string
  readonly logoUri?: string
  readonly redirectUris: readonly string[]
}

export const CLIENTS: Readonly<Record<string, TestClient>> = {
  mcp_good: {
    name: 'Good Client',
    redirectUris: ['https://good.example/cb', 'cursor://anysphere.cursor-mcp/oauth/callback'],
  },
  mcp_other: { name: 'Other Client', redirectUris: ['https://other.example/cb'] },
  mcp_evil: {
    name: '<img src=x onerror=alert(1)>‮tfosorciM',
    clientUri: 'javascript:alert(1)//"><script>alert(2)</script>',
    logoUri: 'https://tracker.evil.example/logo.png',
    redirectUris: ['https://evil.example/cb'],
  },
}

interface Pending {
  clientId: string
  redirectUri: string
  scopes: string[]
  bindingHash: string
}

export async function buildConsentTestApp(options: { now?: () => number } = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: false })
  await app.register(cookie)
  await app.register(formbody)
  const csrf = createCsrf({ secrets: SECRETS })
  const consent = createConsentCookies({ secrets: SECRETS, ...(options.now ? { now: options.now } : {}) })
  const pending = new Map<string, Pending>()

  const errorPage = (reply: FastifyReply, status: number, message: string) => {
    const nonce = createCspNonce()
    return reply
      .code(status)
      .headers(htmlPageHeaders({ nonce }))
      .send(renderErrorPage({ title: 'Sign-in failed', message, requestId: reply.request.id, nonce }))
  }

  app.get('/authorize', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>
    const client = CLIENTS[q.client_id ?? '']
    const redirectUri = q.redirect_uri ?? ''
    if (!client || !client.redirectUris.includes(redirectUri)) {
      return errorPage(reply, 400, 'The client or its redirect address is not registered.')
    }
    const clientId = q.client_id as string
    const scopes = (q.scope ?? 'mcp').split(' ')
    if (consent.isApproved(req.cookies, { clientId, redirectUri, scopes, resource: RESOURCE })) {
      return seeOther(reply, ENTRA_AUTHORIZE)
    }
    const binding = ensureBrowserBinding(req.cookies)
    const requestId = randomToken(16)
    pending.set(requestId, { clientId, redirectUri, scopes, bindingHash: binding.hash })
    const nonce = createCspNonce()
    return reply
      .headers(htmlPageHeaders({ nonce, formActionTargets: [ENTRA_AUTHORIZE, redirectUri] }))
      .header('set-cookie', binding.setCookie)
      .send(
        renderConsentPage({
          clientName: client.name,
          clientId,
          ...(client.clientUri ? { clientUri: client.clientUri } : {}),
          ...(client.logoUri ? { logoUri: client.logoUri } : {}),
          redirectHost: new URL(redirectUri).host,
          redirectUri,
          scopes: consentScopeList(scopes, ['User.Read', 'Mail.Read']),
          resource: RESOURCE,
          csrfToken: csrf.issue(requestId, binding.value),
          formAction: '/consent',
          requestId,
          nonce,
          rememberDays: 30,
        }),
      )
  })

  app.post('/consent', async (req, reply) => {
    const origin = checkRequestOrigin(req.headers, PUBLIC_ORIGIN)
    if (!origin.ok) return errorPage(reply, 403, 'This request did not come from our consent page.')
    const form = parseConsentForm(req.body)
    if (!form) return errorPage(reply, 400, 'The consent form was incomplete.')
    const binding = readBrowserBinding(req.cookies)
    const request = pending.get(form.requestId)
    if (!binding || !request || !matchesBrowserBinding(req.cookies, request.bindingHash)) {
      return errorPage(reply, 403, 'This sign-in was started in another browser or has expired.')
    }
    if (!csrf.verify(form.csrfToken, form.requestId, binding)) {
      return errorPage(reply, 403, 'This request did not come from our consent page.')
    }
    pending.delete(form.requestId)
    if (form.decision === 'deny') {
      const back = new URL(request.redirectUri)
      back.searchParams.set('error', 'access_denied')
      return seeOther(reply, back.href)
    }
    if (form.remember) {
      reply.header('set-cookie', consent.issue({ ...request, resource: RESOURCE }).header)
    }
    return seeOther(reply, ENTRA_AUTHORIZE)
  })

  return app
}

/** The form fields of a rendered consent page. */
export function formFields(page: string): { csrfToken: string; requestId: string } {
  const csrfToken = /name="csrf_token" value="([^"]+)"/.exec(page)?.[1]
  const requestId = /name="request_id" value="([^"]+)"/.exec(page)?.[1]
  if (!csrfToken || !requestId) throw new Error('consent page has no form fields')
  return { csrfToken, requestId }
}

/** `name=value` pairs of Set-Cookie headers, for a hand-rolled cookie jar. */
export function cookiePairs(setCookie: string | string[] | undefined): string[] {
  const list = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie]
  return list.map((header) => header.split(';')[0] ?? '')
}
