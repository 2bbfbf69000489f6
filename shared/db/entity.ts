/**
 * One catalogue of keys. Each kind of item in the table (an aggregate, a counter, a once-only
 * marker, a slot, an audit record...) declares its keys in one `defineEntity` in the repository
 * that owns it: the partition key's prefix, how its key is built, which global secondary index it
 * sets and for which query. The entity then builds its items (`toItem`: the value with its keys)
 * and reads them back (`fromItem`: the declared attributes only, never the keys).
 *
 * Every `defineEntity` call lands in a registry at import time; two entities with the same key
 * shape (partition prefix and sort-key prefix) are refused there. test/unit/keys-catalogue.test.ts
 * imports every module and renders the registry into shared/db/KEYS.md.
 *
 * Import-time cost is one object and one Map entry per entity: nothing is computed until used.
 */
import type { Keyed } from './items';
import { INDEXES, type IndexName } from './table';

/** How one index is keyed for this entity, and the query it serves. */
export interface IndexSpec<T> {
  pk: (value: T) => string;
  sk: (value: T) => string;
  /** The access pattern, in words: which query reads this index partition. */
  serves: string;
  /** Sparse: the item is in this index only while this holds. */
  when?: (value: T) => boolean;
  /** How the partition key reads in KEYS.md when it is computed (from a date, say), e.g. `AUDIT_DAY#{day}`. */
  pkTemplate?: string;
  /** How the sort key reads in KEYS.md when it is computed. */
  skTemplate?: string;
}

export interface EntitySpec<T, K> {
  /** The item's `entity` attribute (one kind of item may have two key shapes, so two entities of one name). */
  name: string;
  /** The module that owns it (shared/<module>). */
  module: string;
  /** The constant start of the partition key, e.g. `STARTUP#`. */
  prefix: string;
  /**
   * The constant start of the sort key (or its shape, `{month}#{startupId}`) when the entity shares
   * partitions with another one, e.g. `JOB_REPORT#` under `STARTUP#`.
   */
  skPrefix?: string;
  /** The table key from the parts that identify one item. */
  key: (parts: K) => Keyed;
  /** What the table key serves: the get by id, the query of a partition. */
  serves: string;
  indexes?: Partial<Record<IndexName, IndexSpec<T>>>;
  /**
   * The attributes `fromItem` returns. Without them it returns every attribute but the table's
   * keys (pk, sk, entity and the index keys) and the `hidden` ones.
   */
  attributes?: readonly (keyof T & string)[];
  /** Attributes stored but never read back (a fingerprint kept for a uniqueness check, say). */
  hidden?: readonly string[];
}

export type Item<T> = T & Keyed & { entity: string } & Record<string, unknown>;

export interface Entity<T, K> extends EntitySpec<T, K> {
  /** The value as stored: its table key, `entity`, the value, its index keys. */
  toItem(value: T): Item<T>;
  /** The value of a stored item: declared attributes only. */
  fromItem(item: Record<string, unknown>): T;
}

/** Attributes that are the table's, never a value's. */
export const KEY_ATTRIBUTES: ReadonlySet<string> = new Set(['pk', 'sk', 'entity', ...INDEXES.flatMap((index) => [index.partitionKey, index.sortKey])]);

const registry = new Map<string, Entity<never, never>>();

/** The key shape an entity claims: its partition prefix and, if it shares partitions, its sort-key prefix. */
export const keyShape = (spec: { prefix: string; skPrefix?: string }) => `${spec.prefix} ${spec.skPrefix ?? ''}`.trim();

export function defineEntity<T extends object, K = T>(spec: EntitySpec<T, K>): Entity<T, K> {
  const shape = keyShape(spec);
  const owner = registry.get(shape);
  if (owner) throw new Error(`Key prefix ${shape} is already used by entity ${owner.name} (${owner.module}); ${spec.name} (${spec.module}) needs its own.`);
  const indexes = Object.entries(spec.indexes ?? {}) as Array<[IndexName, IndexSpec<T>]>;
  const attributes = spec.attributes;
  const hidden = new Set([...KEY_ATTRIBUTES, ...(spec.hidden ?? [])]);
  const entity: Entity<T, K> = {
    ...spec,
    toItem(value: T): Item<T> {
      const item: Record<string, unknown> = { ...spec.key(value as unknown as K), entity: spec.name, ...value };
      for (const [name, index] of indexes) {
        if (index.when && !index.when(value)) continue;
        item[`${name}pk`] = index.pk(value);
        item[`${name}sk`] = index.sk(value);
      }
      return item as Item<T>;
    },
    fromItem(item: Record<string, unknown>): T {
      const value: Record<string, unknown> = {};
      if (attributes) {
        for (const name of attributes) if (item[name] !== undefined) value[name] = item[name];
      } else {
        for (const [name, v] of Object.entries(item)) if (!hidden.has(name)) value[name] = v;
      }
      return value as T;
    },
  };
  registry.set(shape, entity as unknown as Entity<never, never>);
  return entity;
}

/** Every entity defined so far (those of the modules imported), in definition order. */
export function entities(): ReadonlyArray<Entity<never, never>> {
  return [...registry.values()];
}
