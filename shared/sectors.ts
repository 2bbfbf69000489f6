import * as z from 'zod';

/** Sectors the programme supports (the report's focus: IT, exhibition, culture-tourism, home services, agriculture). */
export const SECTORS = ['it_services', 'exhibition_services', 'culture_tourism', 'elderly_care_home_services', 'modern_agriculture', 'other'] as const;
export const Sector = z.enum(SECTORS);
export type Sector = z.infer<typeof Sector>;
