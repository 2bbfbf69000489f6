import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { acknowledge } from '../constructs/nag';
import { Construct } from 'constructs';
import { INDEXES, TABLE_KEY, TTL_ATTRIBUTE } from '../../shared/db/table';
import type { StageConfig } from '../config';

/** Length of a generated key: 43 base64-alphabet characters decode to exactly 32 bytes. */
export const GENERATED_KEY_LENGTH = 43;

/**
 * The table (from the same definition the local bootstrap uses) and the service's keys.
 */
export class Data extends Construct {
  readonly table: Table;
  readonly keys: Secret;

  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const ceiling = { maxReadRequestUnits: config.tableMaxReadUnits, maxWriteRequestUnits: config.tableMaxWriteUnits };

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEY.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEY.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      // On-demand with a ceiling: a runaway client is throttled instead of running up the bill.
      ...ceiling,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: config.retainData,
      removalPolicy,
    });
    for (const index of INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
        ...ceiling,
      });
    }

    /*
     * The keys (`idNumberKey`, `dataKey`: 32 random bytes each, base64; see shared/secrets.ts).
     * Secrets Manager generates random strings from a character set, not bytes, and generates only
     * one key per secret. So each key is generated in a secret of its own as 43 characters from
     * [A-Za-z0-9] — all valid base64 characters, decoding to exactly 32 bytes (~254 bits of entropy) —
     * and the secret the functions read composes the two through CloudFormation dynamic references.
     * Generated once, on creation; never rotated (rotation would orphan every identity-number
     * fingerprint and every encrypted field), and retained with the data in prod.
     */
    const generated = (name: string) =>
      new Secret(this, name, {
        description: `Fuhua ${config.stage}: generated key material (${name}); read only through the Keys secret`,
        removalPolicy,
        generateSecretString: {
          secretStringTemplate: '{}',
          generateStringKey: 'key',
          passwordLength: GENERATED_KEY_LENGTH,
          excludePunctuation: true,
          includeSpace: false,
          requireEachIncludedType: false,
        },
      });
    const idNumberKey = generated('IdNumberKeyMaterial');
    const dataKey = generated('DataKeyMaterial');
    this.keys = new Secret(this, 'Keys', {
      description: `Fuhua ${config.stage}: the service's keys (idNumberKey, dataKey)`,
      removalPolicy,
      secretObjectValue: {
        idNumberKey: idNumberKey.secretValueFromJson('key'),
        dataKey: dataKey.secretValueFromJson('key'),
      },
    });
    for (const secret of [idNumberKey, dataKey, this.keys]) {
      acknowledge(
        secret,
        'AwsSolutions-SMG4',
        'Not rotated on purpose: the identity-number fingerprints and encrypted fields depend on these keys staying the same.',
      );
    }
  }
}
