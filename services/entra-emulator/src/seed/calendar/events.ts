// Writes planned meetings into calendars as Graph events: one copy per participant with its own id,
// the meeting's iCalUId, and that participant's responseStatus and showAs. A cancelled meeting is
// written only to attendees, subject prefixed "Canceled: " as Exchange does.
import { base64Id, exchangeId, hexId } from '../ids.js'
import { createRng } from '../random.js'
import { DAY, HOUR, isoTicks, localDateTime, NO_RESPONSE_TIME } from '../week.js'
import type { OrgIndex } from '../org/org-index.js'
import type { GraphAttendee, GraphLocation, GraphResponseStatus, SeedEvent } from '../types.js'
import type { Meeting } from './meeting.js'

/** Class id and zeroed instance date of Outlook's global object id (MS-OXOCAL §2.2.1.27). */
const ICAL_PREFIX = '040000008200E00074C5B7101A82E00800000000'
const TEAMS_LOCATION = 'Microsoft Teams Meeting'

const location = (displayName: string, room: boolean): GraphLocation => ({
  displayName,
  locationType: room ? 'conferenceRoom' : 'default',
  uniqueId: displayName,
  uniqueIdType: 'private',
})

const NO_LOCATION: GraphLocation = {
  displayName: '',
  locationType: 'default',
  uniqueId: null,
  uniqueIdType: 'unknown',
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export function writeEvents(
  meetings: readonly Meeting[],
  org: OrgIndex,
  anchor: number,
): Map<string, SeedEvent[]> {
  const byUser = new Map<string, SeedEvent[]>()
  for (const m of meetings) {
    const rng = createRng(`meeting:${m.key}`)
    const createdAt = anchor - rng.int(2, 30) * DAY + rng.int(8, 17) * HOUR + rng.int(0, 59) * 60_000
    const modifiedAt = createdAt + rng.int(0, 90) * 60_000
    const respondedAt = modifiedAt + rng.int(1, 20) * HOUR
    const status = new Map<string, GraphResponseStatus>()
    for (const id of m.attendeeIds) {
      const roll = m.allAccepted ? 0 : rng.next()
      status.set(
        id,
        roll < 0.75
          ? { response: 'accepted', time: isoTicks(respondedAt) }
          : roll < 0.9
            ? { response: 'tentativelyAccepted', time: isoTicks(respondedAt) }
            : { response: 'none', time: NO_RESPONSE_TIME },
      )
    }
    const organizer = org.get(m.organizerId)
    const attendees: GraphAttendee[] = m.attendeeIds.map((id) => {
      const u = org.get(id)
      return {
        type: 'required',
        status: status.get(id) ?? { response: 'none', time: NO_RESPONSE_TIME },
        emailAddress: { name: u.displayName, address: u.mail },
      }
    })
    const places: GraphLocation[] = []
    if (m.place !== null) places.push(location(m.place, m.place.startsWith('Conf Room')))
    if (m.online && m.place === null) places.push(location(TEAMS_LOCATION, false))
    const subject = m.cancelled ? `Canceled: ${m.subject}` : m.subject
    const joinUrl = m.online
      ? `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${base64Id(`join:${m.key}`, 30).replace(/[^A-Za-z0-9]/g, '')}%40thread.v2/0`
      : null
    const preview = m.online
      ? `${m.agenda}\r\n\r\nMicrosoft Teams meeting: join on your computer or mobile app.`
      : m.agenda
    const bodyHtml = `<html>\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n</head>\r\n<body>\r\n<p>${escapeHtml(m.agenda)}</p>${
      joinUrl === null
        ? ''
        : `\r\n<p>Microsoft Teams meeting: <a href="${joinUrl}">Join the meeting now</a></p>`
    }\r\n</body>\r\n</html>\r\n`
    const iCalUId = `${ICAL_PREFIX}${hexId(`ical:${m.key}`, 8)}000000000000000010000000${hexId(`uid:${m.key}`, 16)}`

    const participants = m.cancelled ? m.attendeeIds : [m.organizerId, ...m.attendeeIds]
    for (const ownerId of participants) {
      const isOrganizer = ownerId === m.organizerId
      const own: GraphResponseStatus = isOrganizer
        ? { response: 'organizer', time: NO_RESPONSE_TIME }
        : (status.get(ownerId) ?? { response: 'none', time: NO_RESPONSE_TIME })
      const id = exchangeId(`event:${ownerId}:${m.key}`)
      const event: SeedEvent = {
        id,
        createdDateTime: isoTicks(createdAt),
        lastModifiedDateTime: isoTicks(m.cancelled ? respondedAt : modifiedAt),
        changeKey: base64Id(`changekey:${ownerId}:${m.key}`, 16),
        categories: m.allDay ? ['Yellow category'] : [],
        transactionId: null,
        originalStartTimeZone: 'UTC',
        originalEndTimeZone: 'UTC',
        iCalUId,
        reminderMinutesBeforeStart: m.allDay ? 1080 : 15,
        isReminderOn: !m.cancelled,
        hasAttachments: false,
        subject,
        bodyPreview: preview.slice(0, 255),
        importance: 'normal',
        sensitivity: m.sensitivity,
        isAllDay: m.allDay,
        isCancelled: m.cancelled,
        isOrganizer,
        responseRequested: m.attendeeIds.length > 0,
        seriesMasterId: null,
        showAs: m.showAs !== 'busy' || isOrganizer || own.response === 'accepted' ? m.showAs : 'tentative',
        type: 'singleInstance',
        webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
        onlineMeetingUrl: null,
        isOnlineMeeting: m.online,
        onlineMeetingProvider: m.online ? 'teamsForBusiness' : 'unknown',
        allowNewTimeProposals: true,
        isDraft: false,
        hideAttendees: false,
        responseStatus: own,
        body: { contentType: 'html', content: bodyHtml },
        start: { dateTime: localDateTime(anchor + m.startOffset), timeZone: 'UTC' },
        end: { dateTime: localDateTime(anchor + m.endOffset), timeZone: 'UTC' },
        location: places[0] ?? NO_LOCATION,
        locations: places,
        recurrence: null,
        attendees,
        organizer: { emailAddress: { name: organizer.displayName, address: organizer.mail } },
        onlineMeeting: joinUrl === null ? null : { joinUrl },
      }
      const list = byUser.get(ownerId)
      if (list) list.push(event)
      else byUser.set(ownerId, [event])
    }
  }
  for (const list of byUser.values()) {
    list.sort(
      (a, b) => a.start.dateTime.localeCompare(b.start.dateTime) || a.subject.localeCompare(b.subject),
    )
  }
  return byUser
}
