import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageConfig } from './config';
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
Tags.of(stack).add('project', 'fuhua');
Tags.of(stack).add('stage', config.stage);
// Security review on every synth: unexplained findings fail it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
