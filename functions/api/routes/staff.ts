import { defineRoute, reply } from '../../../shared/http/route';
import { listQuery, pageOf } from '../../../shared/http/schemas';
import { RecordStaffMember, StaffMember, StaffQuery } from '../../../shared/staff';
import { listStaff, myself, recordMyself } from '../../../shared/staff';

const tags = ['Staff directory'];
const staff = ['officer', 'mentor', 'park_manager', 'finance', 'auditor'] as const;

export const staffRoutes = [
  defineRoute({
    method: 'put',
    path: '/v1/staff/me',
    operationId: 'recordMyStaffEntry',
    summary: 'Record the name colleagues see you by; the roles listed are those of your sign-in (audited)',
    tags,
    access: staff,
    body: RecordStaffMember,
    responses: { 200: { description: 'Your directory entry', schema: StaffMember } },
    handler: async ({ c, ctx, body }) => reply(c, await recordMyself(ctx, body)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/staff/me',
    operationId: 'getMyStaffEntry',
    summary: 'Your staff directory entry (404 until you have recorded your name)',
    tags,
    access: staff,
    responses: { 200: { description: 'Your directory entry', schema: StaffMember } },
    handler: async ({ c, ctx }) => reply(c, await myself(ctx)),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/staff',
    operationId: 'listStaff',
    summary: 'The officers or mentors who have recorded their names, to choose reviewers from (officers)',
    tags,
    access: ['officer'],
    query: listQuery(StaffQuery.shape),
    responses: { 200: { description: 'A page of staff members', schema: pageOf(StaffMember) } },
    handler: async ({ c, query: { role, ...page } }) => reply(c, await listStaff(role, page)),
  }),
];
