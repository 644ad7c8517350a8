// Reading the calendar (https://learn.microsoft.com/graph/api/user-list-calendarview, user-list-events,
// event-get): calendarView needs both startDateTime and endDateTime and returns the events that
// overlap the window; times come back in UTC or the `Prefer: outlook.timezone` zone.
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify'
import type { SeedEvent } from '../../seed/types.js'
import { EVENT_SCHEMA, eventSpan, toGraphEvent, UTC_ZONE } from '../entities/event.js'
import type { OutputZone } from '../entities/event.js'
import { GraphError, notFound } from '../errors.js'
import { OUTLOOK } from '../odata/dialect.js'
import { parseQueryOptions } from '../odata/query-options.js'
import { principalOf } from '../request-context.js'
import { sendCollection, sendEntity } from '../respond.js'
import { preferredTimeZone } from '../timezones.js'
import type { GraphRouteOptions } from './options.js'

export const EVENTS_PAGE_SIZE = 10

/** The zone responses use; announces it in Preference-Applied when the client asked for one. */
export function outputZone(request: FastifyRequest, reply: FastifyReply): OutputZone {
  const preferred = preferredTimeZone(request.headers.prefer)
  if (!preferred) return UTC_ZONE
  reply.header('preference-applied', `outlook.timezone="${preferred.name}"`)
  return { name: preferred.name, iana: preferred.iana }
}

const ISO = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)?(Z|[+-]\d{2}:\d{2})?$/i

/** An ISO 8601 query value; without an offset it is UTC, as calendarView reads it. */
export function parseWindowBound(raw: string, name: string): number {
  const m = ISO.exec(raw)
  const ms = m ? Date.parse(m[1] ? raw : raw.includes('T') ? `${raw}Z` : raw) : Number.NaN
  if (Number.isNaN(ms)) {
    throw new GraphError(
      400,
      'ErrorInvalidParameter',
      `The value '${raw}' of parameter '${name}' is invalid.`,
    )
  }
  return ms
}

function window(request: FastifyRequest): { start: number; end: number } {
  const { params } = parseQueryOptions(request.url)
  const rawStart = params.get('startdatetime')
  const rawEnd = params.get('enddatetime')
  if (!rawStart || !rawEnd) {
    throw new GraphError(
      400,
      'ErrorInvalidParameter',
      'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
    )
  }
  const start = parseWindowBound(rawStart, 'StartDateTime')
  const end = parseWindowBound(rawEnd, 'EndDateTime')
  if (end <= start) {
    throw new GraphError(
      400,
      'ErrorInvalidParameter',
      "The parameter 'EndDateTime' must be later than 'StartDateTime'.",
    )
  }
  return { start, end }
}

export const calendarRoutes: FastifyPluginCallback<GraphRouteOptions> = (app, { ctx }, done) => {
  const events = (
    request: FastifyRequest,
    reply: FastifyReply,
    list: readonly SeedEvent[],
    context: string,
  ) => {
    const zone = outputZone(request, reply)
    return sendCollection(request, reply, ctx, {
      items: list.map((e) => toGraphEvent(e, zone)),
      schema: EVENT_SCHEMA,
      dialect: OUTLOOK,
      context: (s) => `${context}${s}`,
      defaultPageSize: EVENTS_PAGE_SIZE,
    })
  }

  app.get('/me/calendarView', { config: { permission: 'calendarRead' } }, (request, reply) => {
    const { user } = principalOf(request)
    const { start, end } = window(request)
    const overlapping = ctx.store.events(user.id).filter((e) => {
      const span = eventSpan(e)
      return span.start < end && span.end > start
    })
    return events(request, reply, overlapping, `users('${user.id}')/calendarView`)
  })

  app.get('/me/events', { config: { permission: 'calendarRead' } }, (request, reply) => {
    const { user } = principalOf(request)
    return events(request, reply, ctx.store.events(user.id), `users('${user.id}')/events`)
  })

  app.get('/me/events/:id', { config: { permission: 'calendarRead' } }, (request, reply) => {
    const { user } = principalOf(request)
    const { id } = request.params as { id: string }
    const event = ctx.store.events(user.id).find((e) => e.id === id)
    if (!event) throw notFound('outlook', id)
    return sendEntity(request, reply, {
      item: toGraphEvent(event, outputZone(request, reply)),
      schema: EVENT_SCHEMA,
      dialect: OUTLOOK,
      context: (s) => `users('${user.id}')/events${s}/$entity`,
    })
  })
  done()
}
