import t from 'tap'
import type { SeedMessage } from '../../../src/seed/types.js'
import { startGraph } from '../helpers.js'

const h = await startGraph()
t.teardown(() => h.close())
const [priya, marcus, zoe] = h.seed.demoUsers
if (!priya || !marcus || !zoe) throw new Error('seed has too few demo users')
const scp = 'Mail.Read Mail.Send'
const sender = await h.token(priya, { scp })
const inboxOf = async (user: typeof priya, extra = '') =>
  (await h.get(`/me/mailFolders/inbox/messages?$top=50${extra}`, await h.token(user, { scp }))).json
    .value as SeedMessage[]

t.test(
  'sendMail → 202 empty, then visible to the recipient (inbox, unread) and in the sender’s Sent Items',
  async (t) => {
    const subject = `Quarterly numbers ${Date.now()}`
    const res = await h.post('/me/sendMail', sender, {
      message: {
        subject,
        body: { contentType: 'Text', content: 'Numbers attached, see you Thursday.' },
        toRecipients: [{ emailAddress: { address: marcus.mail, name: marcus.displayName } }],
        ccRecipients: [{ emailAddress: { address: 'partner@external.example' } }],
      },
      saveToSentItems: true,
    })
    t.equal(res.status, 202)
    t.equal(res.text, '')
    const inbox = await inboxOf(marcus)
    const got = inbox.find((m) => m.subject === subject)
    t.ok(got, 'in the recipient inbox')
    t.equal(got?.isRead, false)
    t.equal(got?.from.emailAddress.address, priya.mail)
    t.equal(got?.body.contentType, 'text')
    t.equal(got?.bodyPreview, 'Numbers attached, see you Thursday.')
    t.same(got?.ccRecipients, [
      { emailAddress: { name: 'partner@external.example', address: 'partner@external.example' } },
    ])
    t.equal(inbox[0]?.subject, subject, 'newest first')
    const sent = (await h.get('/me/mailFolders/sentitems/messages?$top=5', sender)).json.value
    t.equal(sent[0]?.subject, subject)
    t.equal(sent[0]?.isRead, true)
    t.not(sent[0]?.id, got?.id, 'each mailbox has its own copy')
    const search = await h.get(
      `/me/messages?$search=${encodeURIComponent('"quarterly numbers"')}`,
      await h.token(marcus, { scp }),
    )
    t.ok(
      search.json.value.some((m: { subject: string }) => m.subject === subject),
      'searchable',
    )
  },
)

t.test(
  'saveToSentItems false keeps no copy; Bcc recipients get it but stay hidden from others',
  async (t) => {
    const subject = `Private note ${Date.now()}`
    const before = (h.seed.messagesByUser.get(priya.id) ?? []).length
    const res = await h.post('/me/sendMail', sender, {
      message: {
        subject,
        body: { contentType: 'HTML', content: '<p>hello</p>' },
        toRecipients: [{ emailAddress: { address: marcus.userPrincipalName.toUpperCase() } }],
        bccRecipients: [{ emailAddress: { address: zoe.mail } }],
      },
      saveToSentItems: 'false',
    })
    t.equal(res.status, 202)
    const sent = (await h.get('/me/mailFolders/sentitems/messages?$top=5', sender)).json.value
    t.notOk(sent.some((m: { subject: string }) => m.subject === subject))
    t.equal((h.seed.messagesByUser.get(priya.id) ?? []).length, before, 'the seed itself is never mutated')
    const toMarcus = (await inboxOf(marcus)).find((m) => m.subject === subject)
    const toZoe = (await inboxOf(zoe)).find((m) => m.subject === subject)
    t.same(toMarcus?.bccRecipients, [])
    t.equal(toZoe?.bccRecipients.length, 1)
  },
)

t.test('sendMail validates the body: no recipients, bad address, unknown property, bad types', async (t) => {
  const none = await h.post('/me/sendMail', sender, { message: { subject: 'x' } })
  t.equal(none.status, 400)
  t.equal(none.json.error.code, 'ErrorInvalidRecipients')
  const bad = await h.post('/me/sendMail', sender, {
    message: { toRecipients: [{ emailAddress: { address: 'not an address' } }] },
  })
  t.equal(bad.json.error.code, 'ErrorInvalidRecipients')
  const unknown = await h.post('/me/sendMail', sender, {
    message: { toRecipients: [{ emailAddress: { address: marcus.mail } }], shoe: 1 },
  })
  t.equal(unknown.status, 400)
  t.equal(unknown.json.error.code, 'RequestBodyRead')
  t.match(unknown.json.error.message, /'shoe' does not exist on type/)
  const typed = await h.post('/me/sendMail', sender, { message: { subject: 42, toRecipients: [] } })
  t.equal(typed.json.error.code, 'RequestBodyRead')
  const missing = await h.post('/me/sendMail', sender, { saveToSentItems: true })
  t.equal(missing.status, 400)
  const sendAs = await h.post('/me/sendMail', sender, {
    message: {
      toRecipients: [{ emailAddress: { address: marcus.mail } }],
      from: { emailAddress: { address: marcus.mail } },
    },
  })
  t.equal(sendAs.status, 403)
  t.equal(sendAs.json.error.code, 'ErrorSendAsDenied')
})

t.test(
  'mail routes by the domain’s tenant: a look-alike in another tenant whose mail claims the address gets nothing',
  async (t) => {
    const lookAlike = h.seed.users.find(
      (u) => u.tenantId !== marcus.tenantId && u.mail.toLowerCase() === marcus.mail.toLowerCase(),
    )
    if (!lookAlike) {
      t.pass('the seed has no cross-tenant look-alike')
      return
    }
    const subject = `Routing check ${Date.now()}`
    await h.post('/me/sendMail', sender, {
      message: { subject, toRecipients: [{ emailAddress: { address: marcus.mail } }] },
    })
    t.ok((await inboxOf(marcus)).some((m) => m.subject === subject))
    t.notOk((await inboxOf(lookAlike)).some((m) => m.subject === subject))
  },
)
