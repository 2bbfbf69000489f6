import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, listQuery, pageOf } from '../../../shared/http/schemas';
import { Applicant, ApplicantCategory, RegisterApplicant, ReleaseIdentity, UpdateApplicant } from '../../../shared/applicants';
import { getApplicant, getMyApplicant, listApplicants, registerApplicant, releaseIdentity, updateMyApplicant } from '../../../shared/applicants';

const tags = ['Applicants'];

export const applicantRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/applicants',
    operationId: 'registerApplicant',
    summary: 'Register your own applicant profile (real-name registration)',
    tags,
    access: ['applicant'],
    body: RegisterApplicant,
    responses: { 201: { description: 'Registered', schema: Applicant } },
    handler: async ({ c, ctx, body }) => {
      const applicant = await registerApplicant(ctx, body);
      return reply(c, applicant, 201, applicant.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/applicants/me',
    operationId: 'getMyApplicantProfile',
    summary: 'Your applicant profile',
    tags,
    access: ['applicant'],
    responses: { 200: { description: 'Your profile', schema: Applicant } },
    handler: async ({ c, ctx }) => {
      const applicant = await getMyApplicant(ctx);
      return reply(c, applicant, 200, applicant.version);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/applicants/me',
    operationId: 'updateMyApplicantProfile',
    summary: 'Change your applicant profile (not the identity number)',
    tags,
    access: ['applicant'],
    body: UpdateApplicant,
    ifMatch: true,
    responses: { 200: { description: 'Updated', schema: Applicant } },
    handler: async ({ c, ctx, body, expectedVersion }) => {
      const applicant = await updateMyApplicant(ctx, body, expectedVersion);
      return reply(c, applicant, 200, applicant.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/applicants/{id}',
    operationId: 'getApplicant',
    summary: 'One applicant profile (officer, auditor, or the applicant themself)',
    tags,
    access: ['officer', 'auditor', 'applicant'],
    params: idParam('apl'),
    responses: { 200: { description: 'The profile', schema: Applicant } },
    handler: async ({ c, ctx, params }) => {
      const applicant = await getApplicant(ctx, params.id);
      return reply(c, applicant, 200, applicant.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/applicants/{id}/identity-release',
    operationId: 'releaseApplicantIdentity',
    summary: 'Free the identity number a profile holds, for the person it belongs to (officer, after checking their documents; audited)',
    description:
      'For a person who finds their identity number registered by someone else: the officer checks their identity card, then frees the number so they can register. The profile that held it stays, marked with the release.',
    tags,
    access: ['officer'],
    params: idParam('apl'),
    body: ReleaseIdentity,
    ifMatch: true,
    responses: { 200: { description: 'Released; the profile with the release recorded', schema: Applicant } },
    handler: async ({ c, ctx, params, body, expectedVersion }) => {
      const applicant = await releaseIdentity(ctx, params.id, body, expectedVersion);
      return reply(c, applicant, 200, applicant.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/applicants',
    operationId: 'listApplicants',
    summary: 'List applicants, optionally by category, newest registrations last',
    tags,
    access: ['officer', 'auditor'],
    query: listQuery({ category: ApplicantCategory.optional() }),
    responses: { 200: { description: 'A page of applicants', schema: pageOf(Applicant) } },
    handler: async ({ c, ctx, query: { category, ...page } }) => reply(c, await listApplicants(ctx, category, page)),
  }),
];
