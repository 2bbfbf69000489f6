import { afterEach, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { db } from '../../shared/db/client';
import { tableName } from '../../shared/db/table';
import { call } from '../support/api';
import { applicant, clockAtEventStart, draftEvent, officer, publishedEvent, register, registrationsOf, startup } from '../support/events';

afterEach(() => useRealClock());

describe('registration capacity', () => {
  it('seats exactly 50 of 200 parallel registrations and queues the rest at positions 1–150', async () => {
    const event = await publishedEvent({ capacity: 50 });
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 200 }, () => register(event.id)));
    const seconds = (performance.now() - started) / 1000;
    console.info(`200 parallel registrations took ${seconds.toFixed(1)} s`);

    expect(results.filter((r) => r.status !== 201).map((r) => r.body)).toEqual([]);
    expect(results.filter((r) => r.body.status === 'registered')).toHaveLength(50);
    const waitlisted = results.filter((r) => r.body.status === 'waitlisted');
    expect(waitlisted).toHaveLength(150);
    expect(waitlisted.map((r) => r.body.waitlistPosition).sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));

    const detail = await call('GET', `/v1/events/${event.id}`, { as: officer });
    expect(detail.body).toMatchObject({ registered: 50, waiting: 150, seatsLeft: 0 });
    const stored = await registrationsOf(event.id);
    expect(stored).toHaveLength(200);
    expect(stored.filter((r) => r.status === 'registered')).toHaveLength(50);
  }, 180_000);

  it('refuses a second registration by the same person, even in parallel', async () => {
    const event = await publishedEvent({ capacity: 5 });
    const me = applicant();
    const results = await Promise.all([1, 2, 3].map(() => register(event.id, me)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('ALREADY_REGISTERED');
    expect((await call('GET', `/v1/events/${event.id}`, { as: officer })).body.registered).toBe(1);
  });

  it('registers a founder for their own startup, and not for somebody else’s', async () => {
    const event = await publishedEvent();
    const me = applicant();
    const mine = await startup('incubating', me.sub);
    const theirs = await startup('incubating');
    expect((await register(event.id, me, { startupId: theirs.id })).status).toBe(404);
    const res = await register(event.id, me, { startupId: mine.id });
    expect(res.status).toBe(201);
    expect(res.body.startupId).toBe(mine.id);
  });

  it('does not take registrations for a draft (404) or after the event is closed (409)', async () => {
    const draft = await draftEvent();
    expect((await register(draft.id)).status).toBe(404);
    const event = await publishedEvent();
    expect((await call('POST', `/v1/events/${event.id}/close`, { as: officer })).status).toBe(200);
    const late = await register(event.id);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('REGISTRATION_CLOSED');
  });

  it('takes registrations until the deadline and refuses them from the deadline on', async () => {
    const event = await publishedEvent();
    const deadline = new Date(event.registrationDeadline).getTime();
    useFixedClock(new Date(deadline - 1000));
    expect((await register(event.id)).status).toBe(201);
    useFixedClock(new Date(deadline));
    const late = await register(event.id);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('REGISTRATION_CLOSED');
  });
});

describe('cancelling a registration', () => {
  it('gives the freed seat to the first person still waiting, in the same change', async () => {
    const event = await publishedEvent({ capacity: 2 });
    const people = [applicant(), applicant(), applicant(), applicant(), applicant()];
    const regs = [];
    for (const person of people) regs.push((await register(event.id, person)).body);
    expect(regs.map((r) => r.status)).toEqual(['registered', 'registered', 'waitlisted', 'waitlisted', 'waitlisted']);

    // The first waiting leaves the queue: the next cancellation of a seat must skip them.
    expect((await call('DELETE', `/v1/events/${event.id}/registrations/${regs[2].id}`, { as: people[2] })).status).toBe(200);
    const cancelled = await call('DELETE', `/v1/events/${event.id}/registrations/${regs[0].id}`, { as: people[0] });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');

    const after = Object.fromEntries((await registrationsOf(event.id)).map((r) => [r.id, r.status]));
    expect(after).toEqual({
      [regs[0].id]: 'cancelled',
      [regs[1].id]: 'registered',
      [regs[2].id]: 'cancelled',
      [regs[3].id]: 'registered',
      [regs[4].id]: 'waitlisted',
    });
    const detail = await call('GET', `/v1/events/${event.id}`, { as: officer });
    expect(detail.body).toMatchObject({ registered: 2, waiting: 1 });
  });

  it('shows each person waiting their current place after someone ahead leaves or is promoted', async () => {
    const event = await publishedEvent({ capacity: 1 });
    const people = Array.from({ length: 5 }, applicant);
    const regs = [];
    for (const person of people) regs.push((await register(event.id, person)).body);
    expect(regs.map((r) => r.waitlistPosition)).toEqual([undefined, 1, 2, 3, 4]);
    const placeOf = async (i: number) => (await call('GET', `/v1/events/${event.id}/registrations`, { as: people[i]! })).body.items[0];

    // The second person waiting leaves: those behind move up one.
    expect((await call('DELETE', `/v1/events/${event.id}/registrations/${regs[2].id}`, { as: people[2] })).status).toBe(200);
    expect((await placeOf(3)).waitlistPosition).toBe(2);
    // The seat is freed: the first waiting is promoted (and shows no place); the rest are 1 and 2.
    expect((await call('DELETE', `/v1/events/${event.id}/registrations/${regs[0].id}`, { as: people[0] })).status).toBe(200);
    const promoted = await placeOf(1);
    expect(promoted.status).toBe('registered');
    expect(promoted).not.toHaveProperty('waitlistPosition');
    expect((await placeOf(3)).waitlistPosition).toBe(1);
    expect((await placeOf(4)).waitlistPosition).toBe(2);

    // Officers see the same places; a newcomer joins behind the last.
    const late = await register(event.id);
    expect(late.body.waitlistPosition).toBe(3);
    const places = Object.fromEntries((await registrationsOf(event.id)).map((r) => [r.id, r.waitlistPosition]));
    expect([places[regs[3].id], places[regs[4].id], places[late.body.id], places[regs[1].id], places[regs[2].id]]).toEqual([1, 2, 3, undefined, undefined]);
  });

  it('frees the seat when nobody waits, and the person may register again', async () => {
    const event = await publishedEvent({ capacity: 1 });
    const me = applicant();
    const first = await register(event.id, me);
    expect((await call('DELETE', `/v1/events/${event.id}/registrations/${first.body.id}`, { as: me })).status).toBe(200);
    expect((await call('GET', `/v1/events/${event.id}`, { as: officer })).body.registered).toBe(0);
    const again = await register(event.id, me);
    expect(again.body.status).toBe('registered');
  });

  it('promotes the lowest positions, each once, when 50 seats are freed at the same time', async () => {
    const event = await publishedEvent({ capacity: 50 });
    const people = Array.from({ length: 110 }, applicant);
    const regs = (await Promise.all(people.map((person) => register(event.id, person)))).map((r, i) => ({ ...r.body, person: people[i]! }));
    const seated = regs.filter((r) => r.status === 'registered');
    expect(seated).toHaveLength(50);

    const results = await Promise.all(seated.map((r) => call('DELETE', `/v1/events/${event.id}/registrations/${r.id}`, { as: r.person })));
    expect(results.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);

    const status = Object.fromEntries((await registrationsOf(event.id)).map((r) => [r.id, r.status]));
    const byPosition = regs.filter((r) => r.waitlistPosition).sort((a, b) => a.waitlistPosition - b.waitlistPosition);
    expect(byPosition.slice(0, 50).map((r) => status[r.id])).toEqual(Array(50).fill('registered'));
    expect(byPosition.slice(50).map((r) => status[r.id])).toEqual(Array(10).fill('waitlisted'));
    expect((await call('GET', `/v1/events/${event.id}`, { as: officer })).body).toMatchObject({ registered: 50, waiting: 10, seatsLeft: 0 });
  }, 180_000);

  it('lets only the registrant or an officer cancel (another applicant gets 404)', async () => {
    const event = await publishedEvent();
    const me = applicant();
    const reg = await register(event.id, me);
    expect((await call('DELETE', `/v1/events/${event.id}/registrations/${reg.body.id}`, { as: applicant() })).status).toBe(404);
    expect((await call('DELETE', `/v1/events/${event.id}/registrations/${reg.body.id}`, { as: officer })).status).toBe(200);
    const twice = await call('DELETE', `/v1/events/${event.id}/registrations/${reg.body.id}`, { as: me });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ALREADY_CANCELLED');
  });
});

describe('raising capacity', () => {
  it('seats the first people waiting, and refuses to drop below the seats taken', async () => {
    const event = await publishedEvent({ capacity: 2 });
    const regs = [];
    for (let i = 0; i < 5; i++) regs.push((await register(event.id)).body);
    const current = await call('GET', `/v1/events/${event.id}`, { as: officer });
    const etag = current.headers.get('etag')!;

    const lower = await call('PATCH', `/v1/events/${event.id}`, { as: officer, body: { capacity: 1 }, headers: { 'if-match': etag } });
    expect(lower.status).toBe(409);
    expect(lower.body.code).toBe('CAPACITY_BELOW_REGISTRATIONS');

    const raise = await call('PATCH', `/v1/events/${event.id}`, { as: officer, body: { capacity: 4 }, headers: { 'if-match': etag } });
    expect(raise.status).toBe(200);
    const statuses = Object.fromEntries((await registrationsOf(event.id)).map((r) => [r.id, r.status]));
    expect(regs.map((r) => statuses[r.id])).toEqual(['registered', 'registered', 'registered', 'registered', 'waitlisted']);
    expect((await call('GET', `/v1/events/${event.id}`, { as: officer })).body).toMatchObject({ capacity: 4, registered: 4, waiting: 1 });
  });
});

describe('check-in', () => {
  it('checks a registered person in once and counts it for the month the event is held', async () => {
    const event = await publishedEvent({ capacity: 1, communityId: 'com_checkin' });
    const reg = await register(event.id);
    clockAtEventStart(event, -30);
    const first = await call('POST', `/v1/events/${event.id}/checkins`, { as: officer, body: { registrationId: reg.body.id } });
    expect(first.status).toBe(201);
    expect(first.body.checkedInAt).toBeTruthy();
    const again = await call('POST', `/v1/events/${event.id}/checkins`, { as: officer, body: { registrationId: reg.body.id } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_CHECKED_IN');

    const month = event.startsAt.slice(0, 7);
    for (const pk of ['STATS#ALL', 'STATS#COMMUNITY#com_checkin']) {
      const stats = await db.send(new GetCommand({ TableName: tableName(), Key: { pk, sk: month } }));
      expect(stats.Item?.event_checkins).toBe(1);
    }
  });

  it('refuses to check in a person who is only on the waitlist', async () => {
    const event = await publishedEvent({ capacity: 1 });
    await register(event.id);
    const waiting = await register(event.id);
    expect(waiting.body.status).toBe('waitlisted');
    clockAtEventStart(event);
    const res = await call('POST', `/v1/events/${event.id}/checkins`, { as: officer, body: { registrationId: waiting.body.id } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('NOT_REGISTERED');
  });
});

describe('the check-in window', () => {
  const checkIn = (eventId: string, registrationId: string) => call('POST', `/v1/events/${eventId}/checkins`, { as: officer, body: { registrationId } });

  it('opens 60 minutes before the event starts and closes when it ends, saying when', async () => {
    const event = await publishedEvent();
    const { startsAt, endsAt } = (await call('GET', `/v1/events/${event.id}`, { as: officer })).body;
    const [early, onTime, late] = [await register(event.id), await register(event.id), await register(event.id)];
    const opensAt = new Date(new Date(startsAt).getTime() - 60 * 60_000).toISOString();

    clockAtEventStart(event, -61);
    const tooEarly = await checkIn(event.id, early.body.id);
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body).toMatchObject({ status: 409, code: 'CHECK_IN_CLOSED', opensAt, closesAt: new Date(endsAt).toISOString() });

    clockAtEventStart(event, -60);
    expect((await checkIn(event.id, early.body.id)).status).toBe(201);
    clockAtEventStart(event, 30);
    expect((await checkIn(event.id, onTime.body.id)).status).toBe(201);

    useFixedClock(endsAt);
    const tooLate = await checkIn(event.id, late.body.id);
    expect(tooLate.status).toBe(409);
    expect(tooLate.body).toMatchObject({ code: 'CHECK_IN_CLOSED', opensAt });
    expect((await registrationsOf(event.id)).find((r) => r.id === late.body.id)).not.toHaveProperty('checkedInAt');
  });

  it('follows FUHUA_CHECKIN_OPENS_MINUTES_BEFORE', async () => {
    const event = await publishedEvent();
    const reg = await register(event.id);
    process.env.FUHUA_CHECKIN_OPENS_MINUTES_BEFORE = '120';
    try {
      clockAtEventStart(event, -121);
      expect((await checkIn(event.id, reg.body.id)).body.code).toBe('CHECK_IN_CLOSED');
      clockAtEventStart(event, -90);
      expect((await checkIn(event.id, reg.body.id)).status).toBe(201);
    } finally {
      delete process.env.FUHUA_CHECKIN_OPENS_MINUTES_BEFORE;
    }
  });
});

describe('reading registrations', () => {
  it('shows officers every registration and a registrant only their own', async () => {
    const event = await publishedEvent();
    const me = applicant();
    const mine = await register(event.id, me);
    await register(event.id);
    expect((await registrationsOf(event.id)).length).toBe(2);
    const own = await call('GET', `/v1/events/${event.id}/registrations`, { as: me });
    expect(own.status).toBe(200);
    expect(own.body.items.map((r: { id: string }) => r.id)).toEqual([mine.body.id]);
    expect((await call('GET', `/v1/events/${event.id}/registrations`, { as: { role: 'mentor' } })).status).toBe(403);
  });
});
