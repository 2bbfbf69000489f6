import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_PATH_PATTERNS, CONSOLE_CALLBACK_PATH, SPA_REWRITE_CODE, VIEWER_ADDRESS_CODE } from '../../infra/stacks/console';
import { VIEWER_ADDRESS_HEADER } from '../../shared/http/client-address';
import { resources, synth } from './synth';

let dev: Template;

beforeAll(() => {
  dev = synth({ stage: 'dev' }, { bundle: false }).template;
});

const one = (type: string, prefix = '') => {
  const found = resources(dev, type).filter(([id]) => id.startsWith(prefix));
  expect(found, `${type} ${prefix}`).toHaveLength(1);
  return found[0]!;
};
const distribution = () => one('AWS::CloudFront::Distribution')[1].Properties.DistributionConfig;
const distributionDomain = () => ({ 'Fn::GetAtt': [one('AWS::CloudFront::Distribution')[0], 'DomainName'] });

/** Runs a CloudFront Function's code on an event, as the edge would. */
function runEdge(code: string, event: unknown) {
  return new Function(`${code}; return handler;`)()(event);
}

describe('the console in the cloud', () => {
  it('is served from a private bucket that only this distribution may read (origin access control)', () => {
    const [bucketId, bucket] = one('AWS::S3::Bucket', 'ConsoleBucket');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
    const config = distribution();
    expect(config.Origins.find((o: any) => o.S3OriginConfig)?.OriginAccessControlId).toBeDefined();
    const policy = resources(dev, 'AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === bucketId)![1];
    const reads = policy.Properties.PolicyDocument.Statement.filter((s: any) => s.Effect === 'Allow' && s.Principal?.Service === 'cloudfront.amazonaws.com');
    expect(reads).toHaveLength(1);
    expect(JSON.stringify(reads[0].Condition)).toContain(one('AWS::CloudFront::Distribution')[0]);
  });

  it('sends the API paths to the HTTP API uncached with every method, and rewrites only the console’s routes', () => {
    const config = distribution();
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.CacheBehaviors.map((b: any) => b.PathPattern).sort()).toEqual([...API_PATH_PATTERNS].sort());
    const apiOrigin = config.Origins.find((o: any) => o.CustomOriginConfig);
    expect(JSON.stringify(apiOrigin.DomainName)).toMatch(/ApiHttpApi/);
    expect(apiOrigin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    for (const behavior of config.CacheBehaviors) {
      expect(behavior.TargetOriginId, behavior.PathPattern).toBe(apiOrigin.Id);
      expect(behavior.AllowedMethods, behavior.PathPattern).toHaveLength(7);
      // Managed CachingDisabled and AllViewerExceptHostHeader.
      expect(behavior.CachePolicyId, behavior.PathPattern).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
      expect(behavior.OriginRequestPolicyId, behavior.PathPattern).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
      expect(behavior.FunctionAssociations, behavior.PathPattern).toHaveLength(1);
    }
    const rewrite = config.DefaultCacheBehavior.FunctionAssociations;
    expect(rewrite).toHaveLength(1);
    expect(rewrite[0].EventType).toBe('viewer-request');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it('answers single-page routes with index.html and leaves files alone', () => {
    const uri = (path: string) => runEdge(SPA_REWRITE_CODE, { request: { uri: path, headers: {} } }).uri;
    expect(uri('/')).toBe('/index.html');
    expect(uri('/apply/draft')).toBe('/index.html');
    expect(uri('/auth/callback')).toBe('/index.html');
    expect(uri('/assets/app-4XK2.js')).toBe('/assets/app-4XK2.js');
    expect(uri('/config.json')).toBe('/config.json');
  });

  it('passes the viewer’s address to the API, which reads it for per-sender limits', () => {
    const request = runEdge(VIEWER_ADDRESS_CODE, { viewer: { ip: '203.0.113.9' }, request: { uri: '/v1/public/x', headers: {} } });
    expect(request.headers[VIEWER_ADDRESS_HEADER]).toEqual({ value: '203.0.113.9' });
    const api = resources(dev, 'AWS::Lambda::Function').filter(([, f]) => String(f.Properties.Description).startsWith('Fuhua HTTP API'));
    expect(api.length).toBeGreaterThan(1);
    for (const [id, fn] of api) expect(fn.Properties.Environment.Variables.FUHUA_VIEWER_ADDRESS_HEADER, id).toBe('on');
  });

  it('sets the security headers: CSP of its own origin, Cognito and the documents bucket; HSTS; nosniff; no framing', () => {
    const [, policy] = one('AWS::CloudFront::ResponseHeadersPolicy');
    const security = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = JSON.stringify(security.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*\./);
    expect(csp).toMatch(/connect-src 'self' https:\/\/.*auth\..*amazoncognito\.com/);
    expect(csp).toMatch(/fuhua.*documents/);
    expect(security.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 31_536_000, IncludeSubdomains: true, Override: true });
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    for (const behavior of [distribution().DefaultCacheBehavior, ...distribution().CacheBehaviors]) {
      expect(behavior.ResponseHeadersPolicyId).toEqual({ Ref: one('AWS::CloudFront::ResponseHeadersPolicy')[0] });
    }
  });

  it('signs in by managed login: a public client with the code flow back to the console only; the API client has no OAuth', () => {
    const clients = resources(dev, 'AWS::Cognito::UserPoolClient');
    const console = clients.find(([id]) => id.includes('ConsoleClient'))![1].Properties;
    expect(console.GenerateSecret).toBe(false);
    expect(console.AllowedOAuthFlows).toEqual(['code']);
    expect(console.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(console.SupportedIdentityProviders).toEqual(['COGNITO']);
    expect(console.CallbackURLs).toEqual([{ 'Fn::Join': ['', ['https://', distributionDomain(), CONSOLE_CALLBACK_PATH]] }]);
    const api = clients.find(([id]) => id.includes('ApiClient'))![1].Properties;
    expect(api.AllowedOAuthFlows).toBeUndefined();
    expect(api.AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(api.CallbackURLs).toBeUndefined();
    const [, domain] = one('AWS::Cognito::UserPoolDomain');
    expect(domain.Properties.ManagedLoginVersion).toBe(2);
    one('AWS::Cognito::ManagedLoginBranding');
  });

  it('lets browsers post documents from the console’s origin only', () => {
    const [, documents] = one('AWS::S3::Bucket', 'DocumentsBucket');
    const rules = documents.Properties.CorsConfiguration.CorsRules;
    expect(rules).toHaveLength(1);
    expect(rules[0].AllowedOrigins).toEqual([{ 'Fn::Join': ['', ['https://', distributionDomain()]] }]);
    expect(rules[0].AllowedMethods.sort()).toEqual(['GET', 'HEAD', 'POST']);
  });

  it('takes the managed login prefix from context, and refuses one Cognito would', () => {
    const named = synth({ stage: 'dev', authDomainPrefix: 'chengdu-fuhua' }, { bundle: false }).template;
    expect(resources(named, 'AWS::Cognito::UserPoolDomain')[0]![1].Properties.Domain).toBe('chengdu-fuhua');
    expect(() => synth({ stage: 'dev', authDomainPrefix: 'my-cognito-login' }, { bundle: false })).toThrow(/authDomainPrefix/);
    expect(() => synth({ stage: 'dev', authDomainPrefix: 'Upper_Case' }, { bundle: false })).toThrow(/authDomainPrefix/);
  });
});
