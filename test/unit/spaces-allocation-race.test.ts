import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { BatchGetCommand, type BatchGetCommandInput, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../../shared/db/client';
import type { Ctx } from '../../shared/context';
import { spaceKeys } from '../../shared/spaces/repository';
import { startupKeys } from '../../shared/startups/repository';
import { allocateUnit } from '../../shared/spaces/service';
import { addMonths } from '../../shared/spaces/months';
import { monthOf } from '../../shared/clock';

// DynamoDB Local runs transactions one at a time and never reports TransactionConflict; the cloud
// does. These tests play the cloud's answers to check what a lost race turns into.
const dynamo = mockClient(db);
afterEach(() => dynamo.reset());

const now = new Date();
const month = (n: number) => addMonths(monthOf(now), n);
const ctx: Ctx = { actor: { kind: 'user', sub: 'manager-1', roles: ['park_manager'] }, role: 'park_manager', requestId: 'r', now };
const ids = { community: 'cmt_1', unit: 'unt_1', startup: 'stp_1' };

function arrange() {
  dynamo.on(GetCommand, { Key: spaceKeys.unit(ids.unit) }).resolves({
    Item: {
      id: ids.unit,
      communityId: ids.community,
      code: 'D-1',
      kind: 'desk',
      seats: 1,
      areaM2: 4,
      monthlyRentFen: 1,
      floor: 1,
      status: 'active',
      version: 1,
      allocationCount: 0,
    },
  });
  // The community, the startup and its waitlist place are read together (BatchGetItem).
  const together = [
    { ...spaceKeys.community(ids.community), id: ids.community, managerIds: ['manager-1'], version: 1 },
    {
      ...startupKeys.startup(ids.startup),
      id: ids.startup,
      founderUserId: 'f',
      status: 'incubating',
      space: { kind: 'desk', count: 1 },
      preferredCommunityId: ids.community,
      incubationStart: `${month(0)}-01`,
      incubationEnd: `${month(23)}-01`,
      version: 3,
    },
  ];
  dynamo.on(BatchGetCommand).callsFake((input: BatchGetCommandInput) => {
    const [table, { Keys = [] }] = Object.entries(input.RequestItems ?? {})[0]!;
    const asked = new Set(Keys.map((key) => `${key.pk}|${key.sk}`));
    return { Responses: { [table]: together.filter((item) => asked.has(`${item.pk}|${item.sk}`)) } };
  });
}

/** How many reads asked for the startup (each attempt reads it once, with the others). */
const startupReads = () =>
  dynamo
    .commandCalls(BatchGetCommand)
    .filter((call) =>
      Object.values(call.args[0].input.RequestItems ?? {}).some((request) => request.Keys?.some((key) => key.pk === startupKeys.startup(ids.startup).pk)),
    ).length;

const cancelled = (codes: string[]) =>
  Object.assign(new Error('Transaction cancelled'), { name: 'TransactionCanceledException', CancellationReasons: codes.map((Code) => ({ Code })) });

describe('a lost allocation race', () => {
  it('is re-read and answered UNIT_OCCUPIED, not a generic conflict', async () => {
    arrange();
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(['TransactionConflict', 'None']))
      .rejectsOnce(cancelled(['ConditionalCheckFailed', 'None']));
    const attempt = allocateUnit(ctx, { startupId: ids.startup, unitId: ids.unit, fromMonth: month(0), toMonth: month(0) });
    await expect(attempt).rejects.toMatchObject({ status: 409, code: 'UNIT_OCCUPIED' });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
    // The second attempt read the startup again.
    expect(startupReads()).toBe(2);
  });

  it('is retried when only the startup changed meanwhile, and then succeeds', async () => {
    arrange();
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(['None', 'None', 'None', 'None', 'None', 'ConditionalCheckFailed']))
      .resolves({});
    const allocation = await allocateUnit(ctx, { startupId: ids.startup, unitId: ids.unit, fromMonth: month(0), toMonth: month(0) });
    expect(allocation.unitId).toBe(ids.unit);
    const [first] = dynamo.commandCalls(TransactWriteCommand);
    // Item 5 of a one-month allocation is the startup's version check: 1 unit-month, holding, 2 counters, unit.
    expect(first!.args[0].input.TransactItems![5]!.ConditionCheck?.Key).toEqual(startupKeys.startup(ids.startup));
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });
});
