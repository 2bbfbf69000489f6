import { defineRoute, reply } from '../../../shared/http/route';
import { Calendar, PutCalendar, YearParam } from '../../../shared/calendar';
import { getCalendar, putCalendar } from '../../../shared/calendar';

const tags = ['Working-day calendar'];

export const calendarRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/calendar/{year}',
    operationId: 'getCalendar',
    summary: 'A year’s non-working days and make-up working days (调休); without one, weekends only, as the answer says',
    tags,
    access: 'signed-in',
    params: YearParam,
    responses: { 200: { description: 'The calendar', schema: Calendar } },
    handler: async ({ c, params }) => {
      const calendar = await getCalendar(params.year);
      return reply(c, calendar, 200, calendar.version);
    },
  }),
  defineRoute({
    method: 'put',
    path: '/v1/calendar/{year}',
    operationId: 'replaceCalendar',
    summary: 'Replace a year’s calendar with the State Council’s notice (officer; If-Match the version read, "0" for the shipped one; audited)',
    tags,
    access: ['officer'],
    params: YearParam,
    body: PutCalendar,
    ifMatch: true,
    responses: { 200: { description: 'The calendar as it now stands', schema: Calendar } },
    handler: async ({ c, ctx, params, body, expectedVersion }) => {
      const calendar = await putCalendar(ctx, params.year, body, expectedVersion);
      return reply(c, calendar, 200, calendar.version);
    },
  }),
];
