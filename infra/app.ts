import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageConfig } from './config';
import { EdgeStack, edgeStackName } from './stacks/edge';
import { FuhuaStack, stackName } from './stacks/fuhua-stack';

/**
 * The CDK app (`npm run synth`, `npm run deploy -- --context stage=prod`). It synthesizes offline:
 * no AWS account or region is looked up, so the template is environment-agnostic.
 */
const app = new App();
const config = stageConfig(app.node);
const stack = new FuhuaStack(app, stackName(config.stage), {
  config,
  description: `Fuhua startup-incubation service (${config.stage})`,
});
// The console's web ACL lives in us-east-1 (infra/stacks/edge.ts says why it is a stack of its
// own); none where CloudFront's WAF does not exist (webAclArn=none, e.g. AWS China).
const edge =
  config.webAclArn === 'none'
    ? undefined
    : new EdgeStack(app, edgeStackName(config.stage), { config, description: `Fuhua console web ACL and its logs (${config.stage})` });
for (const tagged of [stack, ...(edge ? [edge] : [])]) {
  Tags.of(tagged).add('project', 'fuhua');
  Tags.of(tagged).add('stage', config.stage);
}
// Security review on every synth: unexplained findings fail it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
