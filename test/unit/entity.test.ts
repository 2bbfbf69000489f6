import { describe, expect, it } from 'vitest';
import { defineEntity } from '../../shared/db/entity';

interface Thing {
  id: string;
  status: 'open' | 'closed';
  secret?: string;
  createdAt: string;
}

const ThingEntity = defineEntity<Thing, { id: string }>({
  name: 'thing',
  module: 'test',
  prefix: 'ENTITY_TEST_THING#',
  key: (thing) => ({ pk: `ENTITY_TEST_THING#${thing.id}`, sk: 'THING' }),
  serves: 'a test',
  indexes: {
    gsi1: { pk: () => 'ENTITY_TEST_THINGS', sk: (thing) => `${thing.createdAt}#${thing.id}`, serves: 'every thing' },
    gsi2: { pk: (thing) => `ENTITY_TEST_OPEN#${thing.id}`, sk: (thing) => thing.id, serves: 'open things', when: (thing) => thing.status === 'open' },
  },
  hidden: ['secret'],
});

const open: Thing = { id: 't1', status: 'open', secret: 's', createdAt: '2026-01-01T00:00:00Z' };

describe('an entity', () => {
  it('stores the value with its table key, its entity name and its index keys', () => {
    expect(ThingEntity.toItem(open)).toEqual({
      pk: 'ENTITY_TEST_THING#t1',
      sk: 'THING',
      entity: 'thing',
      ...open,
      gsi1pk: 'ENTITY_TEST_THINGS',
      gsi1sk: '2026-01-01T00:00:00Z#t1',
      gsi2pk: 'ENTITY_TEST_OPEN#t1',
      gsi2sk: 't1',
    });
  });

  it('leaves a sparse index out while its condition does not hold', () => {
    const item = ThingEntity.toItem({ ...open, status: 'closed' });
    expect(item).not.toHaveProperty('gsi2pk');
    expect(item).not.toHaveProperty('gsi2sk');
    expect(item.gsi1pk).toBe('ENTITY_TEST_THINGS');
  });

  it('reads back the value without the keys or the hidden attributes', () => {
    const { secret: _secret, ...visible } = open;
    expect(ThingEntity.fromItem({ ...ThingEntity.toItem(open), gsi3pk: 'X', gsi3sk: 'Y' })).toEqual(visible);
  });

  it('reads back only the declared attributes when it declares them', () => {
    const Narrow = defineEntity<{ a: number; b?: number }>({
      name: 'narrow',
      module: 'test',
      prefix: 'ENTITY_TEST_NARROW#',
      key: (v) => ({ pk: `ENTITY_TEST_NARROW#${v.a}`, sk: 'N' }),
      serves: 'a test',
      attributes: ['a', 'b'],
    });
    expect(Narrow.fromItem({ pk: 'ENTITY_TEST_NARROW#1', sk: 'N', entity: 'narrow', a: 1, stray: true })).toEqual({ a: 1 });
  });
});
