import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, listQuery, pageOf } from '../../../shared/http/schemas';
import { CreateProgramme, Programme, ProgrammeWithTotals } from '../../../shared/programmes';
import { createProgramme, getProgrammeWithTotals, listProgrammes } from '../../../shared/programmes';

const tags = ['Subsidy programmes'];

export const programmeRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/programmes',
    operationId: 'createProgramme',
    summary: 'Open a subsidy programme with its budget, amount rule, eligibility and disclosure period',
    tags,
    access: ['finance'],
    body: CreateProgramme,
    responses: { 201: { description: 'Opened', schema: ProgrammeWithTotals } },
    handler: async ({ c, ctx, body }) => {
      const programme = await createProgramme(ctx, body);
      return reply(c, programme, 201, programme.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/programmes',
    operationId: 'listProgrammes',
    summary: 'Subsidy programmes, newest first',
    tags,
    access: 'signed-in',
    query: listQuery({}),
    responses: { 200: { description: 'A page of programmes', schema: pageOf(Programme) } },
    handler: async ({ c, query }) => reply(c, await listProgrammes(query)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/programmes/{id}',
    operationId: 'getProgramme',
    summary: 'One programme with live totals: budget, committed, paid, reversed, remaining',
    tags,
    access: 'signed-in',
    params: idParam('prg'),
    responses: { 200: { description: 'The programme', schema: ProgrammeWithTotals } },
    handler: async ({ c, params }) => {
      const programme = await getProgrammeWithTotals(params.id);
      return reply(c, programme, 200, programme.version);
    },
  }),
];
