import { Aws, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
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
  /**
   * https://<bucket>.s3.<region>.amazonaws.com, where browsers post files (presigned POST). Built
   * from the bucket's fixed name, not read off the bucket, so the console's security headers can
   * name it while the bucket's CORS names the console (no reference cycle).
   */
  readonly browserOrigin: string;

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

    // A fixed name (per stage, account and region) so that the console's CSP can name its address.
    const bucketName = Fn.join('-', ['fuhua', config.stage, 'documents', Aws.ACCOUNT_ID, Aws.REGION]);
    this.browserOrigin = `https://${Fn.join('.', [bucketName, 's3', Aws.REGION, Aws.URL_SUFFIX])}`;
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName,
      ...locked,
      ...removal,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'documents/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(NONCURRENT_VERSION_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });
  }

  /** Browsers of the console (and only of it) post files to the bucket and read S3's answer. */
  allowBrowserUploadsFrom(origin: string): void {
    this.bucket.addCorsRule({
      allowedMethods: [HttpMethods.POST, HttpMethods.GET, HttpMethods.HEAD],
      allowedOrigins: [origin],
      allowedHeaders: ['*'],
      exposedHeaders: ['ETag'],
      maxAge: 3000,
    });
  }
}
