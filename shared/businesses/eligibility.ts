import { NotEligibleError } from '../errors';
import type { Eligibility, PolicyStage } from '../programmes';
import { addMonths } from '../startups';
import { verifiedFactsOf } from './facts';
import { getBusiness } from './repository';
import { monthsBetween } from './service';

/** Whether a programme's rules read the startup's registered business or its verified facts. */
export function needsBusiness(e: Eligibility): boolean {
  return (
    e.minOperatingMonths !== undefined ||
    e.claimWithinMonthsOfRegistration !== undefined ||
    Boolean(e.requiresFirstTimeFounder) ||
    e.minFounderSocialInsuranceMonths !== undefined ||
    e.minTaxFilingMonths !== undefined
  );
}

/**
 * The policy's tests of the business and of the facts an officer verified, on the Beijing day
 * `today`; the first failing rule is named. The founder's own word is never read here.
 */
export async function checkBusinessRules(e: Eligibility, startupId: string, today: string): Promise<void> {
  const business = await getBusiness(startupId);
  if (!business || business.status !== 'active') {
    throw new NotEligibleError('activeBusiness', "The startup's registered business must be verified by an officer and active.");
  }
  const months = monthsBetween(business.registeredOn, today);
  if (e.minOperatingMonths !== undefined && months < e.minOperatingMonths) {
    throw new NotEligibleError(
      'minOperatingMonths',
      `The business must have operated ${e.minOperatingMonths} months since registration on ${business.registeredOn} (it has ${months}; it reaches them on ${addMonths(business.registeredOn, e.minOperatingMonths)}).`,
    );
  }
  if (e.claimWithinMonthsOfRegistration !== undefined && today > addMonths(business.registeredOn, e.claimWithinMonthsOfRegistration)) {
    throw new NotEligibleError(
      'claimWithinMonthsOfRegistration',
      `Claims are taken until ${addMonths(business.registeredOn, e.claimWithinMonthsOfRegistration)}, ${e.claimWithinMonthsOfRegistration} months after registration.`,
    );
  }
  if (e.requiresFirstTimeFounder && business.firstTimeFounder !== true) {
    throw new NotEligibleError('requiresFirstTimeFounder', 'This policy pays only a founder whose first business this is.');
  }
  if (e.minFounderSocialInsuranceMonths !== undefined || e.minTaxFilingMonths !== undefined) {
    const facts = await verifiedFactsOf(startupId);
    if (e.minFounderSocialInsuranceMonths !== undefined && facts.founderSocialInsuranceMonths < e.minFounderSocialInsuranceMonths) {
      throw new NotEligibleError(
        'minFounderSocialInsuranceMonths',
        `An officer must have verified ${e.minFounderSocialInsuranceMonths} months of the founder's social insurance (verified: ${facts.founderSocialInsuranceMonths}).`,
      );
    }
    if (e.minTaxFilingMonths !== undefined && facts.taxFilingMonths < e.minTaxFilingMonths) {
      throw new NotEligibleError(
        'minTaxFilingMonths',
        `An officer must have verified ${e.minTaxFilingMonths} consecutive months of tax filings (verified: ${facts.taxFilingMonths}).`,
      );
    }
  }
}

/**
 * A stage of a tiered policy on the Beijing day `today`: the verified, active business has operated
 * the stage's months since registration (it is reached on the anniversary day), and, when the stage
 * sets a deadline, the claim comes within that many months of the day it was reached. Returns that day.
 */
export async function checkStageReached(stage: PolicyStage, number: number, startupId: string, today: string, atSubmission: boolean): Promise<string> {
  const business = await getBusiness(startupId);
  if (!business || business.status !== 'active') {
    throw new NotEligibleError('activeBusiness', "The startup's registered business must be verified by an officer and active.");
  }
  const reachedOn = addMonths(business.registeredOn, stage.minOperatingMonths);
  const months = monthsBetween(business.registeredOn, today);
  if (months < stage.minOperatingMonths) {
    throw new NotEligibleError(
      'minOperatingMonths',
      `Stage ${number} is reached after ${stage.minOperatingMonths} months of operation since registration on ${business.registeredOn}, on ${reachedOn} (it has ${months}).`,
    );
  }
  if (atSubmission && stage.claimWithinMonthsOfEligible !== undefined) {
    const deadline = addMonths(reachedOn, stage.claimWithinMonthsOfEligible);
    if (today > deadline) {
      throw new NotEligibleError(
        'claimWithinMonthsOfEligible',
        `Stage ${number} is claimed within ${stage.claimWithinMonthsOfEligible} months of being reached on ${reachedOn}: until ${deadline}.`,
      );
    }
  }
  return reachedOn;
}
