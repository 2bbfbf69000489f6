import type { Business } from '../../shared/businesses/schema';

/** A startup's registered business as stored (active by default), for tests that write it directly. */
export function businessRecord(startupId: string, overrides: Partial<Business> = {}): Business {
  const at = new Date().toISOString();
  return {
    startupId,
    entityType: 'individual_business',
    name: '测试个体户',
    registeredOn: '2026-01-15',
    legalRepresentative: { name: '测试人', idNumberMasked: '110***********0011', applicantId: 'apl_01JD3Z7K8M9N0P1Q2R3S4T5V6W' },
    registeredAddress: { district: '天府新区', detail: '华阳街道 1 号' },
    firstBusinessDeclared: true,
    firstTimeFounder: true,
    status: 'active',
    submittedBy: 'founder',
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...overrides,
  };
}
