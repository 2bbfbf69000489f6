import { defineRoute, reply } from '../../../shared/http/route';
import { PageQuery } from '../../../shared/db/pagination';
import { pageOf } from '../../../shared/http/schemas';
import { myJudgingTasks } from '../../../shared/programme-events';
import { JudgingTask } from '../../../shared/programme-events';

export const judgingTaskRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/judging-assignments',
    operationId: 'listMyJudgingAssignments',
    summary: 'The competitions and roadshows you judge, newest first, with each entry and whether you have scored it',
    tags: ['Events'],
    access: ['mentor', 'officer'],
    query: PageQuery,
    responses: { 200: { description: 'A page of judging tasks', schema: pageOf(JudgingTask) } },
    handler: async ({ c, ctx, query }) => reply(c, await myJudgingTasks(ctx, query)),
  }),
];
