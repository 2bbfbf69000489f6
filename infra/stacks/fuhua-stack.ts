import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config';
import { OUTPUTS } from '../outputs';
import { Api } from './api';
import { Auth } from './auth';
import { Console } from './console';
import { Data } from './data';
import { Documents } from './documents';
import { Monitoring } from './monitoring';
import { Workers } from './workers';

export { OUTPUTS, stackName } from '../outputs';

export interface FuhuaStackProps extends StackProps {
  config: StageConfig;
}

/**
 * One deployable unit per stage: data, identity, the HTTP API, the workers and their monitoring,
 * each a construct of its own (infra/stacks/*.ts). One stack keeps references between them simple.
 */
export class FuhuaStack extends Stack {
  readonly data: Data;
  readonly documents: Documents;
  readonly auth: Auth;
  readonly api: Api;
  readonly workers: Workers;
  readonly monitoring: Monitoring;
  readonly console: Console;

  constructor(scope: Construct, id: string, props: FuhuaStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.data = new Data(this, 'Data', config);
    this.documents = new Documents(this, 'Documents', config);
    this.auth = new Auth(this, 'Auth', config);
    this.api = new Api(this, 'Api', {
      config,
      table: this.data.table,
      keys: this.data.keys,
      documents: this.documents.bucket,
      userPool: this.auth.userPool,
      client: this.auth.client,
    });
    this.console = new Console(this, 'Console', {
      config,
      httpApi: this.api.httpApi,
      userPool: this.auth.userPool,
      documentsOrigin: this.documents.browserOrigin,
      accessLogs: this.documents.accessLogs,
    });
    this.api.acceptTokensOf(this.console.client);
    // Behind CloudFront the API sees the edge's address; the viewer's comes in a header.
    for (const fn of Object.values(this.api.apiFunctions)) fn.addEnvironment('FUHUA_VIEWER_ADDRESS_HEADER', 'on');
    this.documents.allowBrowserUploadsFrom(this.console.origin);
    this.workers = new Workers(this, 'Workers', { config, table: this.data.table, keys: this.data.keys });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      config,
      httpApi: this.api.httpApi,
      table: this.data.table,
      deadLetters: this.workers.deadLetters,
      functions: {
        ...Object.fromEntries(Object.entries(this.api.apiFunctions).map(([domain, fn]) => [`api-${domain}`, fn])),
        docs: this.api.docsFunction,
        stream: this.workers.streamFunction,
        reactions: this.workers.reactionsFunction,
        schedules: this.workers.schedulesFunction,
        'sign-up': this.auth.postConfirmation,
        'sign-in': this.auth.preToken,
      },
    });

    new CfnOutput(this, OUTPUTS.consoleUrl, { value: this.console.origin, description: 'The web console (and the API under /v1 on the same origin)' });
    new CfnOutput(this, OUTPUTS.apiUrl, { value: this.api.stage.url, description: 'Base URL of the API' });
    new CfnOutput(this, OUTPUTS.userPoolId, { value: this.auth.userPool.userPoolId, description: 'Cognito user pool (npm run create-user)' });
    new CfnOutput(this, OUTPUTS.userPoolClientId, { value: this.auth.client.userPoolClientId, description: 'App client id for sign-in' });
    new CfnOutput(this, OUTPUTS.tableName, { value: this.data.table.tableName, description: 'The DynamoDB table' });
    new CfnOutput(this, OUTPUTS.documentsBucketName, { value: this.documents.bucket.bucketName, description: 'The private bucket of documents' });
    new CfnOutput(this, OUTPUTS.eventBusName, { value: this.workers.bus.eventBusName, description: 'Where domain events are published' });
  }
}
