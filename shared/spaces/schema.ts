import * as z from 'zod';
import { Month } from '../clock';
import { SpaceKind } from '../startups';

export { SpaceKind };

/** The longest period one allocation may cover; keeps its transaction well under DynamoDB's 100 items. */
export const MAX_ALLOCATION_MONTHS = 24;

export const CommunityKind = z.enum(['youth_community', 'startup_park']);
export type CommunityKind = z.infer<typeof CommunityKind>;

const ManagerIds = z.array(z.string().trim().min(1).max(128)).max(20);

export const CreateCommunity = z
  .strictObject({
    kind: CommunityKind,
    name: z.string().trim().min(1).max(100),
    address: z.string().trim().min(1).max(200),
    district: z.string().trim().min(1).max(50),
    managerIds: ManagerIds.meta({ description: 'Login subs of the park managers of this community.' }),
  })
  .meta({ id: 'CreateCommunity' });
export type CreateCommunity = z.infer<typeof CreateCommunity>;

export const UpdateCommunity = z
  .strictObject({ name: CreateCommunity.shape.name, address: CreateCommunity.shape.address, managerIds: ManagerIds })
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'at least one field to change')
  .meta({ id: 'UpdateCommunity' });
export type UpdateCommunity = z.infer<typeof UpdateCommunity>;

export const Community = z
  .object({
    id: z.string().meta({ example: 'cmt_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    kind: CommunityKind,
    name: z.string(),
    address: z.string(),
    district: z.string(),
    managerIds: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Community' });
export type Community = z.infer<typeof Community>;

export const UnitStatus = z.enum(['active', 'maintenance']);
export type UnitStatus = z.infer<typeof UnitStatus>;

export const CreateUnit = z
  .strictObject({
    code: z.string().trim().min(1).max(30).meta({ example: 'A-101' }),
    kind: SpaceKind,
    seats: z.number().int().min(1).max(20).meta({ description: 'A desk has 1 seat, an office 2 to 20.' }),
    areaM2: z.number().positive().max(10_000),
    monthlyRentFen: z.number().int().min(0).max(100_000_000),
    floor: z.number().int().min(-5).max(200),
  })
  .superRefine((unit, check) => {
    const ok = unit.kind === 'desk' ? unit.seats === 1 : unit.seats >= 2;
    if (!ok) check.addIssue({ code: 'custom', path: ['seats'], message: unit.kind === 'desk' ? 'a desk has exactly 1 seat' : 'an office has 2 to 20 seats' });
  })
  .meta({ id: 'CreateUnit' });
export type CreateUnit = z.infer<typeof CreateUnit>;

export const UpdateUnit = z
  .strictObject({
    status: UnitStatus,
    monthlyRentFen: z.number().int().min(0).max(100_000_000),
    areaM2: z.number().positive().max(10_000),
    floor: z.number().int().min(-5).max(200),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'at least one field to change')
  .meta({ id: 'UpdateUnit' });
export type UpdateUnit = z.infer<typeof UpdateUnit>;

export const Unit = z
  .object({
    id: z.string().meta({ example: 'unt_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    communityId: z.string(),
    code: z.string(),
    kind: SpaceKind,
    seats: z.number().int(),
    areaM2: z.number(),
    monthlyRentFen: z.number().int(),
    floor: z.number().int(),
    status: UnitStatus,
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Unit' });
export type Unit = z.infer<typeof Unit>;

export const UnitListQuery = {
  kind: SpaceKind.optional(),
  freeFrom: Month.optional().meta({ description: 'With freeTo: only units free for every month of the period.' }),
  freeTo: Month.optional(),
};

export const AllocateUnit = z
  .strictObject({
    startupId: z.string().min(1).max(64),
    unitId: z.string().min(1).max(64),
    fromMonth: Month,
    toMonth: Month.meta({ description: 'Inclusive; at most 24 months after fromMonth counted inclusively.' }),
  })
  .meta({ id: 'AllocateUnit' });
export type AllocateUnit = z.infer<typeof AllocateUnit>;

export const ReleaseAllocation = z
  .strictObject({
    effectiveMonth: Month.meta({ description: 'The first month the unit is free again; not in the past.' }),
    reason: z.string().trim().min(1).max(500),
  })
  .meta({ id: 'ReleaseAllocation' });
export type ReleaseAllocation = z.infer<typeof ReleaseAllocation>;

/**
 * `finished`: its last month has passed (set by the allocation-end job); `released`: given back
 * early, after holding at least its first month; `cancelled`: given back from its first month, so it
 * never held any month (its `lastMonth` stays the `toMonth` it was made for).
 */
export const AllocationStatus = z.enum(['active', 'released', 'finished', 'cancelled']);

export const Allocation = z
  .object({
    id: z.string().meta({ example: 'alc_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    startupId: z.string(),
    unitId: z.string(),
    unitCode: z.string(),
    unitKind: SpaceKind,
    seats: z.number().int(),
    communityId: z.string(),
    /** The unit's rent when allocated: what a rent subsidy is computed from. */
    monthlyRentFen: z.number().int(),
    /** The unit's area when allocated (m²): what a rent subsidy's area cap is computed from. */
    areaM2: z.number().optional(),
    fromMonth: z.string(),
    toMonth: z.string(),
    status: AllocationStatus,
    /** The first month given back, when released or cancelled (then `fromMonth`). */
    releasedFrom: z.string().optional(),
    releaseReason: z.string().optional(),
    /** When the system recorded that the last month had passed. */
    finishedAt: z.string().optional(),
    /**
     * The last month the startup holds the unit: `toMonth`, or the month before `releasedFrom` when
     * released. A cancelled allocation keeps its `toMonth` here but holds no month at all.
     */
    lastMonth: z.string().meta({
      description:
        'The last month the startup holds the unit: toMonth, or the month before releasedFrom when released. Never before fromMonth; a cancelled allocation (status cancelled) keeps its toMonth here but holds no month.',
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Allocation' });
export type Allocation = z.infer<typeof Allocation>;

export const WaitlistRequest = z.strictObject({ startupId: z.string().min(1).max(64), kind: SpaceKind }).meta({ id: 'WaitlistRequest' });
export type WaitlistRequest = z.infer<typeof WaitlistRequest>;

export const WaitlistEntry = z
  .object({ communityId: z.string(), startupId: z.string(), startupName: z.string(), kind: SpaceKind, joinedAt: z.string() })
  .meta({ id: 'WaitlistEntry' });
export type WaitlistEntry = z.infer<typeof WaitlistEntry>;

export const Waitlist = z
  .object({
    items: z.array(WaitlistEntry),
    /** The first waiting startup of each kind: who to offer the next free unit of that kind. */
    suggestedNext: z.object({ desk: WaitlistEntry.nullable(), office: WaitlistEntry.nullable() }),
  })
  .meta({ id: 'Waitlist' });

export const ReleaseResult = z.object({ allocation: Allocation, suggestedNextTenant: WaitlistEntry.nullable() }).meta({ id: 'ReleaseResult' });

const Figures = z.object({
  total: z.number().int(),
  active: z.number().int(),
  occupied: z.number().int(),
  free: z.number().int(),
  /** occupied / active, 0 when nothing is active. */
  occupancyRate: z.number(),
});
export type Figures = z.infer<typeof Figures>;

export const Occupancy = z
  .object({
    communityId: z.string(),
    month: z.string(),
    units: Figures,
    seats: Figures,
    byKind: z.object({ desk: z.object({ units: Figures, seats: Figures }), office: z.object({ units: Figures, seats: Figures }) }),
  })
  .meta({ id: 'Occupancy' });
export type Occupancy = z.infer<typeof Occupancy>;

/** A community's allocation with the name of the startup that holds it: what the unit × month grid shows. */
export const CommunityAllocation = Allocation.extend({ startupName: z.string() }).meta({ id: 'CommunityAllocation' });
export type CommunityAllocation = z.infer<typeof CommunityAllocation>;

export const CommunityAllocationQuery = z.strictObject({
  fromMonth: Month,
  toMonth: Month.meta({ description: 'Inclusive; at most 24 months counted from fromMonth.' }),
});

/** A startup in the programme that waits for space in a community: on its waitlist, or preferring it in its application. */
export const WaitingStartup = z
  .object({
    startupId: z.string(),
    startupName: z.string(),
    status: z.enum(['approved', 'incubating']),
    /** The kind of unit it waits for: the waitlist's, else what its application asked for. */
    kind: SpaceKind,
    /** The most units it may hold at once (its application). */
    unitsRequested: z.number().int(),
    /** The most units it holds in any month from this one (Beijing time) on, in any community. */
    unitsHeld: z.number().int(),
    incubationStart: z.string(),
    incubationEnd: z.string(),
    /** When it joined this community's waitlist; absent when it only prefers the community. */
    waitlistedAt: z.string().optional(),
    prefersCommunity: z.boolean(),
  })
  .meta({ id: 'WaitingStartup' });
export type WaitingStartup = z.infer<typeof WaitingStartup>;

/** An incubating startup of the community past its term's last day: what the past-term alert is about, for its park managers. */
export const PastTermStartup = z
  .object({
    startupId: z.string(),
    startupName: z.string(),
    incubationStart: z.string(),
    /** The term's last day (Beijing), after any extension. */
    incubationEnd: z.string(),
    extended: z.boolean(),
    /** Holds a unit of the community this month (else it only prefers the community). */
    holdsSpaceHere: z.boolean(),
  })
  .meta({ id: 'PastTermStartup' });
export type PastTermStartup = z.infer<typeof PastTermStartup>;
