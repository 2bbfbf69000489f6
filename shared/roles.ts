import * as z from 'zod';

export const ROLES = ['applicant', 'officer', 'mentor', 'park_manager', 'finance', 'auditor'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
