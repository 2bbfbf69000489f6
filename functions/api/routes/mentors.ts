import * as z from 'zod';
import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, listQuery, pageOf } from '../../../shared/http/schemas';
import { Month } from '../../../shared/clock';
import { Sector } from '../../../shared/sectors';
import { CreateMentor, Mentor, MentorReport, MentorSuggestions, UpdateMentor } from '../../../shared/mentors';
import { createMentor, getMentor, getMyMentor, listMentors, updateMentor } from '../../../shared/mentors';
import { suggestMentors } from '../../../shared/mentors';
import { mentorReport } from '../../../shared/mentors';
import { assignmentRoutes } from './assignments';
import { sessionRoutes } from './sessions';

const tags = ['Mentors'];

const profileRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/mentors',
    operationId: 'createMentor',
    summary: 'Add a mentor to the team (one profile per login)',
    tags,
    access: ['officer'],
    body: CreateMentor,
    responses: { 201: { description: 'Created', schema: Mentor } },
    handler: async ({ c, ctx, body }) => {
      const mentor = await createMentor(ctx, body);
      return reply(c, mentor, 201, mentor.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/mentors/me',
    operationId: 'getMyMentorProfile',
    summary: 'Your mentor profile',
    tags,
    access: ['mentor'],
    responses: { 200: { description: 'Your profile', schema: Mentor } },
    handler: async ({ c, ctx }) => {
      const mentor = await getMyMentor(ctx);
      return reply(c, mentor, 200, mentor.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/mentors',
    operationId: 'listMentors',
    summary: 'The mentor team, or the mentors covering one sector',
    tags,
    access: 'signed-in',
    query: listQuery({ sector: Sector.optional() }),
    responses: { 200: { description: 'A page of mentors', schema: pageOf(Mentor) } },
    handler: async ({ c, query: { sector, ...page } }) => reply(c, await listMentors(sector, page)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/mentors/{id}',
    operationId: 'getMentor',
    summary: 'One mentor profile',
    tags,
    access: 'signed-in',
    params: idParam('mtr'),
    responses: { 200: { description: 'The profile', schema: Mentor } },
    handler: async ({ c, params }) => {
      const mentor = await getMentor(params.id);
      return reply(c, mentor, 200, mentor.version);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/mentors/{id}',
    operationId: 'updateMentor',
    summary: 'Change a mentor profile; `active: false` stops new assignments',
    tags,
    access: ['officer'],
    params: idParam('mtr'),
    body: UpdateMentor,
    ifMatch: true,
    responses: { 200: { description: 'Updated', schema: Mentor } },
    handler: async ({ c, ctx, params, body, expectedVersion }) => {
      const mentor = await updateMentor(ctx, params.id, body, expectedVersion);
      return reply(c, mentor, 200, mentor.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/startups/{id}/mentor-suggestions',
    operationId: 'suggestMentors',
    summary: 'Active mentors with free places for a startup: its sector first, then lowest load',
    tags,
    access: ['officer'],
    params: idParam('stp'),
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10) }),
    responses: { 200: { description: 'Suggestions, each with its reason', schema: MentorSuggestions } },
    handler: async ({ c, ctx, params, query }) => reply(c, await suggestMentors(ctx, params.id, query.limit)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/mentors/{id}/report',
    operationId: 'getMentorReport',
    summary: "A mentor's sessions, hours, startups served, confirmed share and average rating per month",
    tags,
    access: ['officer', 'auditor', 'mentor'],
    params: idParam('mtr'),
    query: z.strictObject({ from: Month, to: Month }),
    responses: { 200: { description: 'The report', schema: MentorReport } },
    handler: async ({ c, ctx, params, query }) => reply(c, await mentorReport(ctx, params.id, query.from, query.to)),
  }),
];

/** The mentor team: profiles, suggestions and reports, assignments, and session logs. */
export const mentorRoutes = [...profileRoutes, ...assignmentRoutes, ...sessionRoutes];
