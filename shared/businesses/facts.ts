import { auditRecord, commit } from '../audit';
import type { Ctx } from '../context';
import type { PageQuery } from '../db/pagination';
import { evidenceDocuments } from '../documents';
import { refuseOwnRecord } from '../duties';
import { newId } from '../ids';
import { peopleOf } from '../startups';
import { getStartup } from '../startups';
import { listFacts as readFacts, recordFactWrite } from './repository';
import type { Fact, RecordFact, VerifiedFacts } from './schema';

/**
 * Officer: records a fact a policy tests (months of social insurance or tax filings, an on-site
 * inspection, labour contracts), checked against a document of the founder or the startup. Only
 * these records count; the founder's own figures never do.
 */
export async function recordFact(ctx: Ctx, startupId: string, input: RecordFact): Promise<Fact> {
  const startup = await getStartup(ctx, startupId);
  refuseOwnRecord(ctx, peopleOf(startup), 'a startup');
  const photos = input.kind === 'inspection' ? input.photoDocumentIds : [];
  await evidenceDocuments([input.evidenceDocumentId, ...photos], { applicantId: startup.founderApplicantId, startupId });
  const fact: Fact = { id: newId('fct'), startupId, ...input, verifiedBy: ctx.actor.sub, verifiedAt: ctx.now.toISOString() };
  await commit(ctx, [
    recordFactWrite(fact),
    auditRecord(ctx, { action: `startup.fact_${input.kind}`, entityType: 'startup', entityId: startupId, before: undefined, after: fact }),
  ]);
  return fact;
}

/** A startup's verified facts, newest first, to whoever may read the startup. */
export async function listFacts(ctx: Ctx, startupId: string, page: PageQuery) {
  await getStartup(ctx, startupId);
  return readFacts(startupId, page);
}

/** The latest verified figure of each kind (of the latest 100 records): what eligibility reads. */
export async function verifiedFactsOf(startupId: string): Promise<VerifiedFacts> {
  const { items } = await readFacts(startupId, { limit: 100 });
  const latest = (kind: Fact['kind']) => items.find((fact) => fact.kind === kind);
  const inspection = latest('inspection');
  return {
    founderSocialInsuranceMonths: latest('founder_social_insurance')?.months ?? 0,
    employeeSocialInsuranceMonths: latest('employee_social_insurance')?.months ?? 0,
    taxFilingMonths: latest('tax_filing')?.consecutiveMonths ?? 0,
    labourContracts: latest('labour_contracts')?.contracts ?? 0,
    ...(inspection ? { normalOperation: inspection.normalOperation, lastInspectedOn: inspection.inspectedOn } : {}),
  };
}
