import * as z from 'zod';
import { Id } from '../../../shared/ids';
import { defineRoute, reply } from '../../../shared/http/route';
import { idParam, listQuery, pageOf } from '../../../shared/http/schemas';
import { BankAccountInput, Claim, ClaimStatus, Objection, ResolveObjection, SubmitClaim, VerifyClaim } from '../../../shared/claims';
import { correctBankAccount, exportClaims, getClaim, listClaims, submitClaim, verifyClaim } from '../../../shared/claims';
import { csvHeaders } from '../../../shared/csv';
import { listObjections, resolveObjection } from '../../../shared/claims';

const tags = ['Subsidy claims'];

export const claimRoutes = [
  // Before `/v1/claims/{id}`, so `export.csv` is not read as a claim's id.
  defineRoute({
    method: 'get',
    path: '/v1/claims/export.csv',
    operationId: 'exportClaims',
    summary: 'A programme’s claims, of one status or all, as CSV (staff; masked names and numbers; UTF-8 with BOM, formulas defused)',
    tags,
    access: ['officer', 'finance', 'auditor'],
    query: z.strictObject({ programmeId: Id('prg'), status: ClaimStatus.optional() }),
    responses: {
      200: { description: 'CSV with a header row, one line per claim, by status and oldest first within each', contentType: 'text/csv', schema: z.string() },
    },
    handler: async ({ c, ctx, query }) =>
      c.body(await exportClaims(ctx, query.programmeId, query.status), 200, csvHeaders(`claims-${query.programmeId}-${query.status ?? 'all'}.csv`)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/claims',
    operationId: 'submitClaim',
    summary:
      'Claim a subsidy: amount and facts from the server; a one-off policy once per person and business, each month of rent or interest once, a training subsidy once per person, course type and year (an officer enters an institution’s)',
    tags,
    access: ['applicant', 'officer'],
    body: SubmitClaim,
    responses: { 201: { description: 'Submitted', schema: Claim } },
    handler: async ({ c, ctx, body }) => {
      const claim = await submitClaim(ctx, body);
      return reply(c, claim, 201, claim.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/claims/{id}/verification',
    operationId: 'verifyClaim',
    summary: 'Verify (after re-checking the facts it was judged on) or reject a submitted claim with a reason; never one that pays you',
    tags,
    access: ['officer'],
    params: idParam('clm'),
    body: VerifyClaim,
    responses: { 200: { description: 'Decided', schema: Claim } },
    handler: async ({ c, ctx, params, body }) => {
      const claim = await verifyClaim(ctx, params.id, body);
      return reply(c, claim, 200, claim.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/claims/{id}',
    operationId: 'getClaim',
    summary: 'One claim (staff, or the claimant)',
    tags,
    access: ['applicant', 'officer', 'finance', 'auditor'],
    params: idParam('clm'),
    responses: { 200: { description: 'The claim', schema: Claim } },
    handler: async ({ c, ctx, params }) => {
      const claim = await getClaim(ctx, params.id);
      return reply(c, claim, 200, claim.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/claims',
    operationId: 'listClaims',
    summary: 'Your claims (mine=true), or a programme’s claims by status (staff)',
    tags,
    access: ['applicant', 'officer', 'finance', 'auditor'],
    query: listQuery({
      mine: z
        .enum(['true', 'false'])
        .transform((v) => v === 'true')
        .optional(),
      programmeId: Id('prg').optional(),
      status: ClaimStatus.optional(),
    }),
    responses: { 200: { description: 'A page of claims', schema: pageOf(Claim) } },
    handler: async ({ c, ctx, query: { mine, programmeId, status, ...page } }) => reply(c, await listClaims(ctx, { mine, programmeId, status }, page)),
  }),
  defineRoute({
    method: 'put',
    path: '/v1/claims/{id}/bank-account',
    operationId: 'correctClaimBankAccount',
    summary: 'Correct the bank account of your claim while it is not in a batch (If-Match); after a failed payment this makes it payable again',
    tags,
    access: ['applicant'],
    params: idParam('clm'),
    body: BankAccountInput.meta({ id: 'BankAccountInput' }),
    ifMatch: true,
    responses: { 200: { description: 'Corrected', schema: Claim } },
    handler: async ({ c, ctx, params, body, expectedVersion }) => {
      const claim = await correctBankAccount(ctx, params.id, body, expectedVersion);
      return reply(c, claim, 200, claim.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/claims/{id}/objections',
    operationId: 'listClaimObjections',
    summary: 'Objections filed against a claim during its disclosure (officers also see the objector’s contact)',
    tags,
    access: ['officer', 'auditor'],
    params: idParam('clm'),
    query: listQuery({}),
    responses: { 200: { description: 'A page of objections', schema: pageOf(Objection) } },
    handler: async ({ c, ctx, params, query }) => reply(c, await listObjections(ctx, params.id, query)),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/objections/{id}/resolution',
    operationId: 'resolveObjection',
    summary: 'Uphold (the claim is rejected and its holds freed) or dismiss an objection; never on a claim that pays you',
    tags,
    access: ['officer'],
    params: idParam('obj'),
    body: ResolveObjection,
    responses: { 200: { description: 'Resolved', schema: Objection } },
    handler: async ({ c, ctx, params, body }) => {
      const objection = await resolveObjection(ctx, params.id, body);
      return reply(c, objection, 200, objection.version);
    },
  }),
];
