import { afterEach, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { systemCtx } from '../../shared/context';
import { db } from '../../shared/db/client';
import { tableName } from '../../shared/db/table';
import { closeRegistrationsDue } from '../../shared/programme-events/service';
import { call } from '../support/api';
import { applicant, draftEvent, eventInput, officer, publishedEvent, register } from '../support/events';

afterEach(() => useRealClock());

const DAY = 24 * 3600 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

async function stats(pk: string, month: string) {
  return (await db.send(new GetCommand({ TableName: tableName(), Key: { pk, sk: month } }))).Item ?? {};
}

describe('creating events', () => {
  it('creates a draft that only officers may make', async () => {
    const res = await call('POST', '/v1/events', { as: officer, body: eventInput({ kind: 'roadshow' }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'roadshow', status: 'draft', createdBy: officer.sub, version: 1 });
    expect(res.body.id).toMatch(/^evt_[0-9A-Z]{26}$/);
    expect((await call('POST', '/v1/events', { as: applicant(), body: eventInput() })).status).toBe(403);
  });

  it('rejects a deadline that is not before the start, naming the field', async () => {
    const startsAt = inDays(5);
    const res = await call('POST', '/v1/events', { as: officer, body: eventInput({ startsAt, endsAt: inDays(6), registrationDeadline: startsAt }) });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('body.registrationDeadline');
  });

  it('needs a venue or an online address, an end after the start, and a capacity of 1–5,000', async () => {
    const { venue: _venue, ...noPlace } = eventInput();
    expect((await call('POST', '/v1/events', { as: officer, body: noPlace })).body.errors[0].field).toBe('body.venue');
    expect((await call('POST', '/v1/events', { as: officer, body: { ...noPlace, onlineUrl: 'https://meeting.example.cn/123' } })).status).toBe(201);
    expect((await call('POST', '/v1/events', { as: officer, body: eventInput({ endsAt: inDays(1) }) })).body.errors[0].field).toBe('body.endsAt');
    for (const capacity of [0, 5001]) expect((await call('POST', '/v1/events', { as: officer, body: eventInput({ capacity }) })).status).toBe(400);
    expect((await call('POST', '/v1/events', { as: officer, body: { ...eventInput(), organiser: 'me' } })).status).toBe(400);
  });
});

describe('recording a past event', () => {
  const past = () => eventInput({ kind: 'roadshow', startsAt: inDays(-20), endsAt: inDays(-19.9), registrationDeadline: inDays(-21) });

  it('refuses a start in the past unless the draft says it records a past event, naming pastEvent', async () => {
    const refused = await call('POST', '/v1/events', { as: officer, body: past() });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'PAST_EVENT_NOT_STATED', field: 'pastEvent' });
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.pastEvent']);

    const recorded = await call('POST', '/v1/events', { as: officer, body: { ...past(), pastEvent: true } });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ status: 'draft', pastEvent: true });
    expect((await call('GET', `/v1/events/${recorded.body.id}`, { as: officer })).body.pastEvent).toBe(true);
  });

  it('refuses pastEvent on an event still to come, and a PATCH that moves a start into the past without it', async () => {
    const future = await call('POST', '/v1/events', { as: officer, body: { ...eventInput(), pastEvent: true } });
    expect(future.status).toBe(422);
    expect(future.body).toMatchObject({ code: 'NOT_A_PAST_EVENT', field: 'pastEvent' });
    const plain = await call('POST', '/v1/events', { as: officer, body: eventInput() });
    expect(plain.body).not.toHaveProperty('pastEvent');

    const event = await draftEvent();
    const moved = { startsAt: inDays(-3), endsAt: inDays(-2.9), registrationDeadline: inDays(-4) };
    const path = `/v1/events/${event.id}`;
    const refused = await call('PATCH', path, { as: officer, body: moved, headers: { 'if-match': '"1"' } });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('PAST_EVENT_NOT_STATED');
    const stated = await call('PATCH', path, { as: officer, body: { ...moved, pastEvent: true }, headers: { 'if-match': '"1"' } });
    expect(stated.status).toBe(200);
    expect(stated.body.pastEvent).toBe(true);
  });

  it('publishes a past event as a record that takes no registrations and is not listed as upcoming', async () => {
    const event = (await call('POST', '/v1/events', { as: officer, body: { ...past(), pastEvent: true } })).body;
    const published = await call('POST', `/v1/events/${event.id}/publish`, { as: officer });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', pastEvent: true });
    const registration = await register(event.id);
    expect(registration.status).toBe(409);
    expect(registration.body.code).toBe('REGISTRATION_CLOSED');
    const upcoming = (await call('GET', '/v1/public/events?limit=100')).body.items.map((e: { id: string }) => e.id);
    expect(upcoming).not.toContain(event.id);
    // Without pastEvent, a passed deadline still stops publishing.
    const late = await draftEvent({ registrationDeadline: inDays(1), startsAt: inDays(2), endsAt: inDays(2.1) });
    useFixedClock(new Date(Date.now() + 1.5 * DAY));
    expect((await call('POST', `/v1/events/${late.id}/publish`, { as: officer })).body.code).toBe('DEADLINE_PASSED');
  });
});

describe('the event lifecycle', () => {
  it('goes draft → published → closed → completed and counts the event as held in the month it started', async () => {
    const event = await draftEvent({ kind: 'roadshow', communityId: 'com_lifecycle' });
    const month = event.startsAt.slice(0, 7);
    for (const action of ['publish', 'close']) expect((await call('POST', `/v1/events/${event.id}/${action}`, { as: officer })).status).toBe(200);
    const early = await call('POST', `/v1/events/${event.id}/complete`, { as: officer });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('NOT_STARTED');

    useFixedClock(new Date(new Date(event.startsAt).getTime() + 3600_000));
    const done = await call('POST', `/v1/events/${event.id}/complete`, { as: officer });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('completed');
    for (const pk of ['STATS#ALL', 'STATS#COMMUNITY#com_lifecycle']) {
      expect(await stats(pk, month)).toMatchObject({ events_held: 1, events_held__roadshow: 1 });
    }
    const cancel = await call('POST', `/v1/events/${event.id}/cancel`, { as: officer });
    expect(cancel.status).toBe(409);
    expect(cancel.body.code).toBe('INVALID_TRANSITION');
  });

  it('skips no step: a draft cannot be closed or completed', async () => {
    const event = await draftEvent();
    for (const action of ['close', 'complete']) {
      const res = await call('POST', `/v1/events/${event.id}/${action}`, { as: officer });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'INVALID_TRANSITION', from: 'draft' });
    }
    expect((await call('POST', `/v1/events/${event.id}/cancel`, { as: officer })).body.status).toBe('cancelled');
  });

  it('does not publish an event whose registration deadline has passed', async () => {
    const event = await draftEvent();
    useFixedClock(event.registrationDeadline);
    const res = await call('POST', `/v1/events/${event.id}/publish`, { as: officer });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('DEADLINE_PASSED');
  });

  it('closes registration of published events whose deadline has passed, and only those', async () => {
    const due = await publishedEvent({ registrationDeadline: inDays(1), startsAt: inDays(2), endsAt: inDays(2.1) });
    const later = await publishedEvent({ registrationDeadline: inDays(3), startsAt: inDays(4), endsAt: inDays(4.1) });
    const closed = await closeRegistrationsDue(systemCtx('test-schedule'), new Date(Date.now() + 1.5 * DAY));
    expect(closed).toContain(due.id);
    expect(closed).not.toContain(later.id);
    expect((await call('GET', `/v1/events/${due.id}`, { as: officer })).body.status).toBe('closed');
    expect((await call('GET', `/v1/events/${later.id}`, { as: officer })).body.status).toBe('published');
  });
});

describe('changing an event', () => {
  it('needs the current If-Match and keeps the field rules on the merged event', async () => {
    const event = await draftEvent();
    const path = `/v1/events/${event.id}`;
    expect((await call('PATCH', path, { as: officer, body: { title: '新标题' } })).status).toBe(428);
    const ok = await call('PATCH', path, { as: officer, body: { title: '新标题' }, headers: { 'if-match': '"1"' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    expect((await call('PATCH', path, { as: officer, body: { title: '再改' }, headers: { 'if-match': '"1"' } })).status).toBe(412);
    const bad = await call('PATCH', path, { as: officer, body: { registrationDeadline: inDays(30) }, headers: { 'if-match': '"2"' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.registrationDeadline');
    const noPlace = await call('PATCH', path, { as: officer, body: { venue: null }, headers: { 'if-match': '"2"' } });
    expect(noPlace.status).toBe(400);
  });

  it('refuses changes once registration is closed', async () => {
    const event = await publishedEvent();
    const closed = await call('POST', `/v1/events/${event.id}/close`, { as: officer });
    const res = await call('PATCH', `/v1/events/${event.id}`, { as: officer, body: { title: 'x' }, headers: { 'if-match': `"${closed.body.version}"` } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('EVENT_NOT_EDITABLE');
  });
});

describe('listing events', () => {
  it('shows the public only published, upcoming events, soonest first, with nothing personal', async () => {
    const soon = await publishedEvent({ title: '公开：第二场', startsAt: inDays(20), endsAt: inDays(20.1), registrationDeadline: inDays(19) });
    const sooner = await publishedEvent({ title: '公开：第一场', startsAt: inDays(15), endsAt: inDays(15.1), registrationDeadline: inDays(14) });
    const draft = await draftEvent({ title: '草稿', startsAt: inDays(16), endsAt: inDays(16.1), registrationDeadline: inDays(15) });
    const cancelled = await publishedEvent({ startsAt: inDays(17), endsAt: inDays(17.1), registrationDeadline: inDays(16) });
    await call('POST', `/v1/events/${cancelled.id}/cancel`, { as: officer });
    await register(sooner.id);

    const res = await call('GET', '/v1/public/events?limit=100');
    expect(res.status).toBe(200);
    const ids = res.body.items.map((e: { id: string }) => e.id);
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(cancelled.id);
    expect(ids.indexOf(sooner.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(sooner.id)).toBeLessThan(ids.indexOf(soon.id));
    const starts = res.body.items.map((e: { startsAt: string }) => e.startsAt);
    expect(starts).toEqual([...starts].sort());
    for (const item of res.body.items) {
      expect(Object.keys(item).sort()).toEqual(expect.arrayContaining(['id', 'kind', 'title', 'startsAt']));
      expect(item).not.toHaveProperty('createdBy');
      expect(item).not.toHaveProperty('registered');
      expect(item).not.toHaveProperty('waiting');
      expect(JSON.stringify(item)).not.toContain(officer.sub!);
    }
    // The seats left, so a visitor knows whether registering is still worth it.
    const first = res.body.items.find((e: { id: string }) => e.id === sooner.id);
    expect(first.seatsLeft).toBe(first.capacity - 1);

    useFixedClock(new Date(Date.now() + 18 * DAY));
    const later = (await call('GET', '/v1/public/events?limit=100')).body.items.map((e: { id: string }) => e.id);
    expect(later).not.toContain(sooner.id);
    expect(later).toContain(soon.id);
  });

  it('shows drafts to officers but not to applicants, and filters by status and start', async () => {
    const draft = await draftEvent({ startsAt: inDays(40), endsAt: inDays(40.1), registrationDeadline: inDays(39) });
    const published = await publishedEvent({ startsAt: inDays(41), endsAt: inDays(41.1), registrationDeadline: inDays(40) });
    const asOfficer = (await call('GET', `/v1/events?from=${encodeURIComponent(inDays(35))}&limit=100`, { as: officer })).body.items.map(
      (e: { id: string }) => e.id,
    );
    expect(asOfficer).toEqual(expect.arrayContaining([draft.id, published.id]));
    const asApplicant = (await call('GET', `/v1/events?from=${encodeURIComponent(inDays(35))}&limit=100`, { as: applicant() })).body.items.map(
      (e: { id: string }) => e.id,
    );
    expect(asApplicant).toContain(published.id);
    expect(asApplicant).not.toContain(draft.id);
    expect((await call('GET', '/v1/events?status=draft', { as: applicant() })).body.items).toEqual([]);
    expect((await call('GET', `/v1/events/${draft.id}`, { as: applicant() })).status).toBe(404);
    const drafts = (await call('GET', '/v1/events?status=draft&limit=100', { as: officer })).body.items;
    expect(drafts.every((e: { status: string }) => e.status === 'draft')).toBe(true);
    expect(drafts.map((e: { id: string }) => e.id)).toContain(draft.id);
  });
});
