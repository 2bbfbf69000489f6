import { AUDIT_EN, AUDIT_ZH } from './workspaces/audit';
import { FINANCE_EN, FINANCE_ZH } from './workspaces/finance';
import { MENTOR_EN, MENTOR_ZH } from './workspaces/mentor';
import { OFFICER_EN, OFFICER_ZH } from './workspaces/officer';
import { PARK_EN, PARK_ZH } from './workspaces/park';
import { BASE_EN, BASE_ZH } from './base';

/** Every string: the shared ones and each workspace's (test/unit/console/i18n.test.ts fails on a key defined twice). */
export const ZH = { ...BASE_ZH, ...OFFICER_ZH, ...MENTOR_ZH, ...PARK_ZH, ...FINANCE_ZH, ...AUDIT_ZH } as const;

export type MessageKey = keyof typeof ZH;

export const EN: Record<MessageKey, string> = { ...BASE_EN, ...OFFICER_EN, ...MENTOR_EN, ...PARK_EN, ...FINANCE_EN, ...AUDIT_EN };
