/**
 * The one table: generic keys overloaded by every entity, with typed prefixes in the values.
 * The CDK stack (infra/stacks) and the local bootstrap (infra/local) both build the table from
 * this definition, so the two can never drift apart.
 */
export const TABLE_KEY = { partitionKey: 'pk', sortKey: 'sk' } as const;

export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
}

/** Sparse global secondary indexes; an item appears in one only when it sets that index's keys. */
export const INDEXES = [
  { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
] as const satisfies readonly IndexDefinition[];

export type IndexName = (typeof INDEXES)[number]['name'];

/** Items with this attribute (epoch seconds) are deleted by DynamoDB's TTL, e.g. idempotency keys. */
export const TTL_ATTRIBUTE = 'expiresAt';

export const DEFAULT_TABLE_NAME = 'fuhua';

export function tableName(): string {
  return process.env.TABLE_NAME ?? DEFAULT_TABLE_NAME;
}
