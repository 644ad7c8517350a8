import t from 'tap'
import { startGraph } from '../helpers.js'

const h = await startGraph()
t.teardown(() => h.close())
const priya = h.seed.demoUsers[0]
if (!priya) throw new Error('seed has no demo user')
const token = await h.token(priya, { scp: 'Mail.Read' })
const mailbox = h.seed.messagesByUser.get(priya.id) ?? []
const q = (s: string) => encodeURIComponent(s)

t.test('/me/messages: newest first, 10 a page, nextLink walks every message once', async (t) => {
  const first = await h.get('/me/messages', token)
  t.equal(first.status, 200)
  t.equal(first.json.value.length, 10)
  t.equal(first.json['@odata.context'], `${h.base}/$metadata#users('${priya.id}')/messages`)
  const ids: string[] = []
  let res = first
  for (;;) {
    ids.push(...res.json.value.map((m: { id: string }) => m.id))
    const next = res.json['@odata.nextLink']
    if (!next) break
    res = await h.getUrl(next, token)
  }
  t.same(
    ids,
    mailbox.map((m) => m.id),
  )
  const received = first.json.value.map((m: { receivedDateTime: string }) => m.receivedDateTime)
  t.same(received, [...received].sort().reverse())
  t.match(first.json.value[0]['@odata.etag'], /^W\/"/)
})

t.test('/me/messages accepts $skip (Outlook) and $top', async (t) => {
  const res = await h.get('/me/messages?$top=3&$skip=2&$select=subject', token)
  t.same(
    res.json.value.map((m: { id: string }) => m.id),
    mailbox.slice(2, 5).map((m) => m.id),
  )
  t.same(Object.keys(res.json.value[0]).sort(), ['@odata.etag', 'id', 'subject'])
})

t.test('/me/messages $filter on isRead, importance, from address and receivedDateTime', async (t) => {
  const unread = await h.get(`/me/messages?$top=100&$filter=${q('isRead eq false')}`, token)
  t.same(
    unread.json.value.map((m: { id: string }) => m.id),
    mailbox.filter((m) => !m.isRead).map((m) => m.id),
  )
  const sender = mailbox.find((m) => m.from.emailAddress.address !== priya.mail)?.from.emailAddress
    .address as string
  const from = await h.get(
    `/me/messages?$top=100&$filter=${q(`from/emailAddress/address eq '${sender}'`)}`,
    token,
  )
  t.same(
    from.json.value.map((m: { id: string }) => m.id),
    mailbox.filter((m) => m.from.emailAddress.address === sender).map((m) => m.id),
  )
  const since = mailbox[5]?.receivedDateTime as string
  const recent = await h.get(`/me/messages?$top=100&$filter=${q(`receivedDateTime ge ${since}`)}`, token)
  t.same(
    recent.json.value.map((m: { id: string }) => m.id),
    mailbox.filter((m) => m.receivedDateTime >= since).map((m) => m.id),
  )
  const typed = await h.get(`/me/messages?$filter=${q("isRead eq 'no'")}`, token)
  t.equal(typed.status, 400)
  const unknown = await h.get(`/me/messages?$filter=${q("shoe eq 'x'")}`, token)
  t.equal(unknown.status, 400)
  t.equal(unknown.json.error.code, 'RequestBroker--ParseUri')
})

t.test(
  '/me/messages $orderby, and Exchange’s rule that sorted properties must be filtered too',
  async (t) => {
    const asc = await h.get('/me/messages?$top=100&$orderby=receivedDateTime asc', token)
    t.same(
      asc.json.value.map((m: { id: string }) => m.id),
      [...mailbox].reverse().map((m) => m.id),
    )
    const bySubject = await h.get('/me/messages?$top=100&$orderby=subject', token)
    const subjects = bySubject.json.value.map((m: { subject: string }) => m.subject.toLowerCase())
    t.same(subjects, [...subjects].sort())
    const inefficient = await h.get(
      `/me/messages?$orderby=receivedDateTime desc&$filter=${q('isRead eq false')}`,
      token,
    )
    t.equal(inefficient.status, 400)
    t.equal(inefficient.json.error.code, 'InefficientFilter')
    const efficient = await h.get(
      `/me/messages?$orderby=receivedDateTime desc&$filter=${q('receivedDateTime ge 2000-01-01T00:00:00Z and isRead eq false')}`,
      token,
    )
    t.equal(efficient.status, 200)
  },
)

t.test(
  '/me/messages $search: free text over subject, body and sender, no ConsistencyLevel needed',
  async (t) => {
    const target = mailbox.find((m) => m.subject.split(' ').length > 1) ?? mailbox[0]
    if (!target) throw new Error('empty mailbox')
    const word = (target.subject.replace(/^(RE|FW): /, '').split(' ')[0] as string).toLowerCase()
    const res = await h.get(`/me/messages?$top=100&$search=${q(`"${word}"`)}`, token)
    t.equal(res.status, 200)
    t.ok(res.json.value.some((m: { id: string }) => m.id === target.id))
    const all = await h.get(`/me/messages?$top=100&$search=${q('"zzzznotaword"')}`, token)
    t.same(all.json.value, [])
    const bySender = await h.get(
      `/me/messages?$top=100&$search=${q(`"from:${target.from.emailAddress.name.split(' ')[0]}"`)}`,
      token,
    )
    t.ok(
      bySender.json.value.every((m: { from: { emailAddress: { name: string; address: string } } }) =>
        m.from.emailAddress.name
          .toLowerCase()
          .includes((target.from.emailAddress.name.split(' ')[0] as string).toLowerCase()),
      ),
    )
    const combined = await h.get(`/me/messages?$search=${q('"x"')}&$orderby=subject`, token)
    t.equal(combined.status, 400, '$search cannot be combined with $orderby')
  },
)

t.test('/me/messages/{id}: the message, or 404 ErrorItemNotFound', async (t) => {
  const target = mailbox[3]
  if (!target) throw new Error('small mailbox')
  const res = await h.get(`/me/messages/${encodeURIComponent(target.id)}?$select=subject,body`, token)
  t.equal(res.status, 200)
  t.equal(res.json.subject, target.subject)
  t.equal(res.json.body.content, target.body.content)
  t.equal(
    res.json['@odata.context'],
    `${h.base}/$metadata#users('${priya.id}')/messages(subject,body)/$entity`,
  )
  const missing = await h.get('/me/messages/AAMkAnothere', token)
  t.equal(missing.status, 404)
  t.equal(missing.json.error.code, 'ErrorItemNotFound')
  const other = h.seed.demoUsers[1]
  const theirs = (h.seed.messagesByUser.get(other?.id ?? '') ?? []).find(
    (m) => !mailbox.some((x) => x.id === m.id),
  )
  if (theirs)
    t.equal(
      (await h.get(`/me/messages/${encodeURIComponent(theirs.id)}`, token)).status,
      404,
      'another mailbox is not visible',
    )
})

t.test('/me/mailFolders/{well-known name | id}/messages lists one folder', async (t) => {
  const folders = h.seed.mailboxesByUser.get(priya.id)?.wellKnownFolderIds
  if (!folders) throw new Error('no mailbox')
  const inbox = await h.get('/me/mailFolders/inbox/messages?$top=100', token)
  t.same(
    inbox.json.value.map((m: { id: string }) => m.id),
    mailbox.filter((m) => m.parentFolderId === folders.inbox).map((m) => m.id),
  )
  const sent = await h.get(
    `/me/mailFolders/${encodeURIComponent(folders.sentitems)}/messages?$top=100`,
    token,
  )
  t.ok(sent.json.value.every((m: { parentFolderId: string }) => m.parentFolderId === folders.sentitems))
  t.equal((await h.get('/me/mailFolders/nope/messages', token)).status, 404)
})
