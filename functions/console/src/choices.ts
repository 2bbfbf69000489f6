import type { Schemas } from './api/client';

/**
 * The values people choose from in the console's forms and filters, in the order shown. Typed by
 * the API's own document: a value the API no longer takes is a type error here.
 */
export const SECTORS: readonly NonNullable<Schemas['Application']['sector']>[] = [
  'it_services',
  'exhibition_services',
  'culture_tourism',
  'elderly_care_home_services',
  'modern_agriculture',
  'other',
];

export const CATEGORIES: readonly Schemas['Applicant']['category'][] = [
  'college_graduate',
  'returning_migrant_worker',
  'employment_difficulty',
  'registered_unemployed',
  'unemployed_youth',
  'veteran',
  'poverty_alleviated',
  'other',
];

export const EDUCATION: readonly Schemas['Applicant']['education'][] = [
  'primary',
  'junior_secondary',
  'senior_secondary',
  'vocational',
  'junior_college',
  'bachelor',
  'master',
  'doctorate',
];
