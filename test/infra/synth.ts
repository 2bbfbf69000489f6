import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { stageConfig } from '../../infra/config';
import { EdgeStack, edgeStackName } from '../../infra/stacks/edge';
import { FuhuaStack, stackName } from '../../infra/stacks/fuhua-stack';

export interface Synthesized {
  app: App;
  stack: FuhuaStack;
  template: Template;
}

/**
 * Synthesizes the stack the way `npm run synth` does, with the given context (offline). With
 * `bundle: false` the functions are not bundled (CDK's own switch for that), for templates whose
 * code assets a test does not look at.
 */
export function synth(context: Record<string, unknown> = {}, options: { bundle?: boolean } = {}): Synthesized {
  const app = new App({
    context: { stage: 'dev', ...context, ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}) },
  });
  const config = stageConfig(app.node);
  const stack = new FuhuaStack(app, stackName(config.stage), { config });
  return { app, stack, template: Template.fromStack(stack) };
}

/** Resources of one type, by logical id. */
export function resources(template: Template, type: string): Array<[string, any]> {
  return Object.entries(template.findResources(type));
}

/** Synthesizes the stage's edge stack (the console's web ACL in us-east-1) with the given context. */
export function synthEdge(context: Record<string, unknown> = {}): { stack: EdgeStack; template: Template } {
  const app = new App({ context: { stage: 'dev', ...context } });
  const config = stageConfig(app.node);
  const stack = new EdgeStack(app, edgeStackName(config.stage), { config });
  return { stack, template: Template.fromStack(stack) };
}
