import 'aws-sdk-client-mock-vitest/extend';
import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { Context, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler, preTokenGeneration, STAFF_ROLES } from '../../functions/auth/pre-token';
import { ROLES } from '../../shared/roles';

const cognito = mockClient(CognitoIdentityProviderClient);
const POOL = 'cn-north-1_AbC123';
const USER = '6f1c2b9e-0000-4000-8000-000000000002';

beforeEach(() => cognito.reset());

function event(
  groups: string[],
  triggerSource: PreTokenGenerationV2TriggerEvent['triggerSource'] = 'TokenGeneration_HostedAuth',
): PreTokenGenerationV2TriggerEvent {
  return {
    version: '2',
    region: 'cn-north-1',
    userPoolId: POOL,
    userName: USER,
    triggerSource,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'console' },
    request: {
      userAttributes: { sub: USER, email: 'staff@example.org', email_verified: 'true' },
      groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [] },
      scopes: ['openid', 'email', 'profile'],
    },
    // Cognito sends the response with nothing to override yet.
    response: { claimsAndScopeOverrideDetails: null as never },
  } as PreTokenGenerationV2TriggerEvent;
}

const withTotp = () =>
  cognito.on(AdminGetUserCommand).resolves({ Username: USER, UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' });
const withoutMfa = () => cognito.on(AdminGetUserCommand).resolves({ Username: USER });
const groupsIn = (result: PreTokenGenerationV2TriggerEvent) => result.response.claimsAndScopeOverrideDetails?.groupOverrideDetails?.groupsToOverride;

describe('staff sign in with an authenticator app (Cognito pre-token-generation trigger)', () => {
  it('treats every role but the applicant as staff', () => {
    expect([...STAFF_ROLES].sort()).toEqual(ROLES.filter((r) => r !== 'applicant').sort());
    expect([...STAFF_ROLES].sort()).toEqual(['auditor', 'finance', 'mentor', 'officer', 'park_manager']);
  });

  for (const role of STAFF_ROLES) {
    it(`a ${role} without TOTP gets a token with no staff group`, async () => {
      withoutMfa();
      const result = await preTokenGeneration(event([role]));
      expect(groupsIn(result)).toEqual([]);
      expect(cognito).toHaveReceivedCommandWith(AdminGetUserCommand, { UserPoolId: POOL, Username: USER });
    });
  }

  it('keeps the applicant group of a staff member without TOTP and drops only the staff groups', async () => {
    withoutMfa();
    const result = await preTokenGeneration(event(['applicant', 'officer', 'finance']));
    expect(groupsIn(result)).toEqual(['applicant']);
  });

  it('a staff member whose only MFA is not TOTP (e.g. SMS) is treated as having none', async () => {
    cognito.on(AdminGetUserCommand).resolves({ Username: USER, UserMFASettingList: ['SMS_MFA'] });
    expect(groupsIn(await preTokenGeneration(event(['auditor'])))).toEqual([]);
  });

  it('leaves the groups of a staff member with TOTP as they are', async () => {
    withTotp();
    const result = await preTokenGeneration(event(['officer', 'mentor']));
    expect(result.response.claimsAndScopeOverrideDetails).toBeNull();
    expect(result.request.groupConfiguration.groupsToOverride).toEqual(['officer', 'mentor']);
  });

  it('applies on every way a token is made, refresh included', async () => {
    withoutMfa();
    for (const source of ['TokenGeneration_Authentication', 'TokenGeneration_RefreshTokens', 'TokenGeneration_NewPasswordChallenge'] as const) {
      expect(groupsIn(await preTokenGeneration(event(['park_manager'], source))), source).toEqual([]);
    }
  });

  it('leaves applicants alone, without asking Cognito (no cost, no failure on their sign-in)', async () => {
    for (const groups of [['applicant'], []]) {
      const result = await preTokenGeneration(event(groups));
      expect(result.response.claimsAndScopeOverrideDetails).toBeNull();
    }
    expect(cognito).not.toHaveReceivedCommand(AdminGetUserCommand);
  });

  it('fails the sign-in when Cognito cannot say whether a staff member has TOTP: no staff token by default', async () => {
    cognito.on(AdminGetUserCommand).rejects(new Error('throttled'));
    await expect(preTokenGeneration(event(['finance']))).rejects.toThrow('throttled');
  });

  it('runs as the deployed handler (middy, Powertools logger context)', async () => {
    withoutMfa();
    const context = {
      functionName: 'pre-token',
      awsRequestId: 'req-1',
      invokedFunctionArn: 'arn',
      memoryLimitInMB: '256',
      functionVersion: '$LATEST',
    } as Context;
    const result = (await handler(event(['applicant', 'officer']), context)) as PreTokenGenerationV2TriggerEvent;
    expect(groupsIn(result)).toEqual(['applicant']);
  });
});
