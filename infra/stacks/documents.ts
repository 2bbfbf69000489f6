import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../constructs/nag';
import type { StageConfig } from '../config';

/** How long a deleted or replaced file can still be restored from its old version. */
export const NONCURRENT_VERSION_DAYS = 30;

/**
 * The private bucket of documents (evidence people upload): no public access, encrypted, TLS only,
 * versioned, its access logged; kept with the data in prod. Files reach it and leave it only by
 * presigned POST and GET, which the API issues after its own checks.
 */
export class Documents extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    // Log delivery is granted by a bucket policy, not the legacy LogDeliveryWrite ACL: ACLs stay off.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const removal = config.retainData
      ? { removalPolicy: RemovalPolicy.RETAIN }
      : // Dev is deleted whole with its stack, files included.
        { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true };
    const locked = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    };

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      ...locked,
      ...removal,
      lifecycleRules: [{ expiration: Duration.days(config.logRetentionDays) }],
    });
    acknowledge(
      this.accessLogs,
      'AwsSolutions-S1',
      'This bucket receives the server access logs of the documents bucket; logging it in turn would only log the logging.',
    );

    this.bucket = new Bucket(this, 'Bucket', {
      ...locked,
      ...removal,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'documents/',
      // Browsers post files from the console and read S3's answer. Only a form the API signed is
      // accepted, whatever the origin; the console's own origin can narrow this once it is known here.
      cors: [
        {
          allowedMethods: [HttpMethods.POST, HttpMethods.GET, HttpMethods.HEAD],
          allowedOrigins: ['*'],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(NONCURRENT_VERSION_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });
  }
}
