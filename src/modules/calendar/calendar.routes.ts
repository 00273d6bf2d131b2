import { z } from 'zod';
import type { AppDeps, ZodApp } from '../../http/app-types.js';
import { bearerSecurity, requireActor } from '../../http/auth.js';
import { errorBody, errors } from '../../http/common.schemas.js';
import { presentCalendarStatus, presentCalendarYear } from './calendar.presenter.js';
import { calendarDay, calendarStatus, calendarDayKind as kind } from './calendar.schemas.js';

export function calendarRoutes(app: ZodApp, { services }: AppDeps) {
  app.get(
    '/api/calendar',
    {
      schema: {
        tags: ['calendar'],
        summary:
          "A year's working-day calendar: its official holidays and make-up working days (调休), administrators' overrides, and how many working days it has",
        description:
          'Official days come from the chinese-days dataset; an override replaces its date. Dates not listed follow the weekend rule. `official` tells whether the dataset holds the year. Deadlines of new events use this calendar.',
        security: bearerSecurity,
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: {
          200: z.object({
            year: z.number(),
            official: z.boolean(),
            days: z.array(calendarDay),
            workingDays: z.number(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      requireActor(req);
      return presentCalendarYear(await services.calendar.year(req.query.year));
    },
  );

  app.get(
    '/api/calendar/status',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Which years the calendar knows, and whether next year is missing (a warning from 1 November)',
        security: bearerSecurity,
        response: { 200: calendarStatus, ...errors },
      },
    },
    async (req) => {
      requireActor(req);
      return presentCalendarStatus(await services.calendar.status());
    },
  );

  app.put(
    '/api/calendar/:date',
    {
      schema: {
        tags: ['calendar'],
        summary:
          'Override a date as a holiday or a make-up working day, or (kind null) remove the override so the official dataset applies again; administrators only',
        description:
          'Applies to deadlines computed from now on, in every server process; existing events keep their deadlines. 422 for a date that does not exist.',
        security: bearerSecurity,
        params: z.object({ date: z.string().max(40) }),
        body: z.object({ kind: kind.nullable(), name: z.string().trim().max(50).nullable().optional() }),
        response: {
          200: z.object({
            date: z.string(),
            kind: kind.nullable(),
            name: z.string().nullable(),
            workingDay: z.boolean(),
          }),
          ...errors,
          422: errorBody,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'calendar:write');
      return services.calendar.set(actor, req.params.date, req.body.kind, req.body.name ?? null);
    },
  );
}
