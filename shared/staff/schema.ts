import * as z from 'zod';

/** The staff roles a directory lists (applicants are not staff). */
export const StaffRole = z.enum(['officer', 'mentor', 'park_manager', 'finance', 'auditor']);
export type StaffRole = z.infer<typeof StaffRole>;

export const RecordStaffMember = z
  .strictObject({ displayName: z.string().trim().min(1).max(50).meta({ description: 'The name colleagues see, e.g. when choosing a reviewer.' }) })
  .meta({ id: 'RecordStaffMember' });
export type RecordStaffMember = z.infer<typeof RecordStaffMember>;

/**
 * A staff member as the directory knows them: their login `sub`, the name they gave, and the staff
 * roles their token held when they last recorded it (roles come from the sign-in, never from the body).
 */
export const StaffMember = z
  .object({
    userId: z.string().meta({ description: 'The login `sub`, the id other routes take (e.g. `reviewerId`).' }),
    displayName: z.string(),
    roles: z.array(StaffRole),
    updatedAt: z.string(),
  })
  .meta({ id: 'StaffMember' });
export type StaffMember = z.infer<typeof StaffMember>;

export const StaffQuery = z.strictObject({ role: z.enum(['officer', 'mentor']) });
