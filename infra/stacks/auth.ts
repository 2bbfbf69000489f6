import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolOperation,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FUNCTION_ENTRIES } from '../constructs/bundling';
import { acknowledge } from '../constructs/nag';
import { NodeFunction } from '../constructs/node-function';
import { Construct } from 'constructs';
import { ROLES } from '../../shared/roles';
import type { StageConfig } from '../config';

/**
 * Identity in the cloud: a Cognito user pool whose groups are the roles, and the app client whose
 * tokens the API's JWT authorizer accepts. Anyone may sign up (and confirm their email) and becomes
 * an applicant; staff roles are given by the centre (`npm run create-user`).
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly postConfirmation: NodeFunction;
  /** Leaves staff groups out of the tokens of staff who have no authenticator app (TOTP). */
  readonly preToken: NodeFunction;

  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      userPoolName: `fuhua-${config.stage}`,
      // Applicants register themselves; the post-confirmation trigger makes them applicants, nothing more.
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Optional for the pool (applicants need no authenticator app); staff tokens need it (preToken).
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Threat protection (compromised credentials, adaptive authentication) needs the Plus plan:
      // on, enforcing, in prod; dev stays on Essentials, which already has access-token customization.
      ...(config.stage === 'prod'
        ? { featurePlan: FeaturePlan.PLUS, standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION }
        : { featurePlan: FeaturePlan.ESSENTIALS }),
      deletionProtection: config.retainData,
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.postConfirmation = new NodeFunction(this, 'PostConfirmation', {
      entry: FUNCTION_ENTRIES.postConfirmation,
      description: 'Fuhua sign-up: a confirmed new user joins the applicant group',
      logRetentionDays: config.logRetentionDays,
      retainLogs: config.retainData,
      memorySize: 256,
      timeout: Duration.seconds(5),
    });
    this.userPool.addTrigger(UserPoolOperation.POST_CONFIRMATION, this.postConfirmation);
    // A separate policy (not the function's default one): the pool depends on the function, so the
    // function cannot depend on a policy naming the pool. IAM cannot narrow this to one group; the
    // function's code only ever adds to the applicant group.
    new Policy(this, 'PostConfirmationPolicy', {
      roles: [this.postConfirmation.role!],
      statements: [new PolicyStatement({ actions: ['cognito-idp:AdminAddUserToGroup'], resources: [this.userPool.userPoolArn] })],
    });
    this.preToken = new NodeFunction(this, 'PreToken', {
      entry: FUNCTION_ENTRIES.preToken,
      description: 'Fuhua sign-in: staff without an authenticator app (TOTP) get no staff groups in their tokens',
      logRetentionDays: config.logRetentionDays,
      retainLogs: config.retainData,
      memorySize: 256,
      timeout: Duration.seconds(5),
    });
    // Version 2 of the event changes the access token too (version 1 only the ID token), and the
    // API authorizes access tokens. Needs the Essentials or Plus plan, which both stages have.
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, this.preToken, LambdaVersion.V2_0);
    // Reads a user's MFA settings, nothing else; a policy of its own for the same reason as above.
    new Policy(this, 'PreTokenPolicy', {
      roles: [this.preToken.role!],
      statements: [new PolicyStatement({ actions: ['cognito-idp:AdminGetUser'], resources: [this.userPool.userPoolArn] })],
    });
    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `Fuhua role ${role}`,
      });
    }
    this.client = this.userPool.addClient('ApiClient', {
      userPoolClientName: `fuhua-${config.stage}-api`,
      generateSecret: false,
      // Scripts and tools sign in with SRP; the browser uses the console's own client (managed login).
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    acknowledge(
      this.userPool,
      'AwsSolutions-COG2',
      'MFA is optional for the pool because applicants sign in from shared or basic phones without an authenticator app; staff tokens require TOTP (the pre-token-generation trigger leaves staff groups out without it).',
    );
    if (config.stage !== 'prod') {
      acknowledge(
        this.userPool,
        'AwsSolutions-COG8',
        'Dev stage: threat protection (the Plus plan) is on in prod only; dev holds no real people and stays on Essentials.',
      );
    }
  }
}
