// Calendar seed records, in Graph v1.0 shape (see types.ts for the storage rule).
import type {
  GraphEmailAddress,
  GraphRecipient,
  GraphItemBody,
  GraphDateTimeTimeZone,
} from './graph-types.js'

export type GraphResponseType =
  'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded'

/** Graph `responseStatus`; `time` is "0001-01-01T00:00:00Z" when there was no response. */
export interface GraphResponseStatus {
  response: GraphResponseType
  time: string
}

/** Graph `attendee`. */
export interface GraphAttendee {
  type: 'required' | 'optional' | 'resource'
  status: GraphResponseStatus
  emailAddress: GraphEmailAddress
}

/** Graph `location`. */
export interface GraphLocation {
  displayName: string
  locationType: 'default' | 'conferenceRoom' | 'homeAddress' | 'businessAddress'
  uniqueId: string | null
  uniqueIdType: 'unknown' | 'locationStore' | 'directory' | 'private' | 'bing'
}

/** Graph `onlineMeetingInfo` (the fields Teams meetings carry). */
export interface GraphOnlineMeetingInfo {
  joinUrl: string
}

/**
 * Graph `event` (v1.0). One record per calendar: a meeting appears in the organizer's and each
 * attendee's calendar with its own `id`, the same `iCalUId`, and that calendar owner's
 * `responseStatus` / `isOrganizer`. A cancelled meeting is only in the attendees' calendars
 * (Exchange removes the organizer's copy when they cancel) and its subject starts "Canceled: ".
 * All seeded times are UTC (`timeZone: 'UTC'`).
 */
export interface SeedEvent {
  id: string
  createdDateTime: string
  lastModifiedDateTime: string
  changeKey: string
  categories: string[]
  transactionId: string | null
  originalStartTimeZone: string
  originalEndTimeZone: string
  iCalUId: string
  reminderMinutesBeforeStart: number
  isReminderOn: boolean
  hasAttachments: boolean
  subject: string
  bodyPreview: string
  importance: 'low' | 'normal' | 'high'
  sensitivity: 'normal' | 'personal' | 'private' | 'confidential'
  isAllDay: boolean
  isCancelled: boolean
  isOrganizer: boolean
  responseRequested: boolean
  seriesMasterId: string | null
  showAs: 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown'
  type: 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster'
  webLink: string
  onlineMeetingUrl: string | null
  isOnlineMeeting: boolean
  onlineMeetingProvider: 'unknown' | 'teamsForBusiness' | 'skypeForBusiness' | 'skypeForConsumer'
  allowNewTimeProposals: boolean
  isDraft: boolean
  hideAttendees: boolean
  responseStatus: GraphResponseStatus
  body: GraphItemBody
  start: GraphDateTimeTimeZone
  end: GraphDateTimeTimeZone
  location: GraphLocation
  locations: GraphLocation[]
  recurrence: null
  /** The organizer is not listed among the attendees, as in Graph. */
  attendees: GraphAttendee[]
  organizer: GraphRecipient
  onlineMeeting: GraphOnlineMeetingInfo | null
}
