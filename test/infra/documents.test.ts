import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_OBJECT_ACTIONS } from '../../infra/constructs/node-function';
import { NONCURRENT_VERSION_DAYS } from '../../infra/stacks/documents';
import { resources, synth } from './synth';

let dev: Template;
let prod: Template;

beforeAll(() => {
  dev = synth({ stage: 'dev' }, { bundle: false }).template;
  prod = synth({ stage: 'prod' }, { bundle: false }).template;
});

const list = (x: unknown) => (Array.isArray(x) ? x : [x]);
const bucket = (template: Template, prefix: string) => {
  const found = resources(template, 'AWS::S3::Bucket').filter(([id]) => id.startsWith(prefix));
  expect(found, prefix).toHaveLength(1);
  return found[0]!;
};
const documentsBucket = (template: Template) => bucket(template, 'DocumentsBucket');
const policyOf = (template: Template, bucketId: string) =>
  resources(template, 'AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === bucketId)![1].Properties.PolicyDocument.Statement as any[];
const statements = (template: Template) =>
  resources(template, 'AWS::IAM::Policy').flatMap(([id, p]) => (p.Properties.PolicyDocument.Statement as any[]).map((s) => ({ id, ...s })));

describe('the documents bucket', () => {
  it('is private: all public access blocked, no ACLs, encrypted at rest, versioned', () => {
    for (const template of [dev, prod]) {
      const props = documentsBucket(template)[1].Properties;
      expect(props.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(props.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
      expect(props.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }]);
      expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(props.AccessControl).toBeUndefined();
      expect(props.WebsiteConfiguration).toBeUndefined();
    }
  });

  it('refuses every request that is not TLS 1.2 or newer, and allows nobody by its bucket policy', () => {
    for (const template of [dev, prod]) {
      const [id] = documentsBucket(template);
      const policy = policyOf(template, id);
      const denies = policy.filter((s) => s.Effect === 'Deny');
      expect(denies.map((s) => s.Condition)).toEqual([{ Bool: { 'aws:SecureTransport': 'false' } }, { NumericLessThan: { 's3:TlsVersion': 1.2 } }]);
      for (const deny of denies) expect(deny).toMatchObject({ Principal: { AWS: '*' }, Action: 's3:*' });
      // The only allow is dev's clean-up on stack deletion (CDK's auto-delete provider); prod has none.
      const allows = policy.filter((s) => s.Effect === 'Allow');
      expect(allows.map((s) => s.Principal.AWS['Fn::GetAtt'][0])).toEqual(
        template === dev ? ['CustomS3AutoDeleteObjectsCustomResourceProviderRole3B1BD092'] : [],
      );
    }
  });

  it('logs its access to a private logs bucket, and keeps replaced or deleted files for a while', () => {
    const props = documentsBucket(prod)[1].Properties;
    const [logsId, logs] = bucket(prod, 'DocumentsAccessLogs');
    expect(props.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logsId }, LogFilePrefix: 'documents/' });
    expect(logs.Properties.PublicAccessBlockConfiguration.RestrictPublicBuckets).toBe(true);
    expect(logs.Properties.LifecycleConfiguration.Rules).toEqual([{ ExpirationInDays: 365, Status: 'Enabled' }]);
    expect(props.LifecycleConfiguration.Rules).toEqual([
      {
        NoncurrentVersionExpiration: { NoncurrentDays: NONCURRENT_VERSION_DAYS },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        Status: 'Enabled',
      },
    ]);
  });

  it('is kept when a prod stack is deleted, and emptied and deleted with a dev stack', () => {
    for (const id of ['DocumentsBucket', 'DocumentsAccessLogs']) {
      expect(bucket(prod, id)[1]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      expect(bucket(dev, id)[1]).toMatchObject({ DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
    }
    // Only the console's bucket is emptied in prod: its files are rebuilt from the repository.
    const emptied = (template: Template) => Object.values(template.findResources('Custom::S3AutoDeleteObjects')).map((r) => r.Properties.BucketName.Ref);
    expect(emptied(prod)).toEqual([expect.stringMatching(/^ConsoleBucket/)]);
    expect(emptied(dev).sort()).toEqual([
      expect.stringMatching(/^ConsoleBucket/),
      expect.stringMatching(/^DocumentsAccessLogs/),
      expect.stringMatching(/^DocumentsBucket/),
    ]);
  });
});

describe('who may touch the files', () => {
  it('the documents function may sign uploads and downloads and check files under documents/, and nothing else of the bucket', () => {
    const [bucketId] = documentsBucket(prod);
    const s3 = statements(prod).filter((s) => list(s.Action).some((a: string) => a.startsWith('s3:')) && !s.id.startsWith('CustomCDKBucketDeployment'));
    expect(new Set(s3.map((s) => s.id))).toEqual(new Set([expect.stringMatching(/^ApiDocumentsFunction/)]));
    expect(s3.map((s) => ({ actions: list(s.Action), resource: s.Resource }))).toEqual([
      { actions: [...DOCUMENT_OBJECT_ACTIONS], resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/documents/*']] } },
      { actions: ['s3:ListBucket'], resource: { 'Fn::GetAtt': [bucketId, 'Arn'] } },
    ]);
    for (const forbidden of ['s3:PutObjectAcl', 's3:PutObjectTagging', 's3:PutBucketPolicy', 's3:DeleteBucket', 's3:*']) {
      expect(s3.flatMap((s) => list(s.Action))).not.toContain(forbidden);
    }
  });

  it('tells the documents function the bucket, and no local S3 endpoint', () => {
    const api = resources(prod, 'AWS::Lambda::Function').find(([id]) => id.startsWith('ApiDocumentsFunction'))![1];
    expect(api.Properties.Environment.Variables.DOCUMENTS_BUCKET).toEqual({ Ref: documentsBucket(prod)[0] });
    expect(api.Properties.Environment.Variables.S3_ENDPOINT).toBeUndefined();
    // The other API functions know nothing of the bucket.
    for (const [id, fn] of resources(prod, 'AWS::Lambda::Function').filter(([id]) => /^Api\w+Function/.test(id) && !id.startsWith('ApiDocumentsFunction'))) {
      expect(fn.Properties.Environment?.Variables?.DOCUMENTS_BUCKET, id).toBeUndefined();
    }
  });
});
