import 'aws-sdk-client-mock-vitest/extend';
import { AdminAddUserToGroupCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../functions/auth/post-confirmation';

const cognito = mockClient(CognitoIdentityProviderClient);
beforeEach(() => {
  cognito.reset();
  cognito.on(AdminAddUserToGroupCommand).resolves({});
});

function event(triggerSource: PostConfirmationTriggerEvent['triggerSource']): PostConfirmationTriggerEvent {
  return {
    version: '1',
    region: 'cn-north-1',
    userPoolId: 'cn-north-1_AbC123',
    userName: '6f1c2b9e-0000-4000-8000-000000000001',
    triggerSource,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client' },
    request: { userAttributes: { sub: '6f1c2b9e-0000-4000-8000-000000000001', email: 'a@example.org', email_verified: 'true' } },
    response: {},
  };
}

describe('sign-up (Cognito post-confirmation trigger)', () => {
  it('makes a person who confirmed their sign-up an applicant, and nothing more', async () => {
    const input = event('PostConfirmation_ConfirmSignUp');
    expect(await handler(input)).toBe(input);
    expect(cognito).toHaveReceivedCommandTimes(AdminAddUserToGroupCommand, 1);
    expect(cognito).toHaveReceivedCommandWith(AdminAddUserToGroupCommand, {
      UserPoolId: 'cn-north-1_AbC123',
      Username: '6f1c2b9e-0000-4000-8000-000000000001',
      GroupName: 'applicant',
    });
  });

  it('changes no group when a password reset is confirmed', async () => {
    await handler(event('PostConfirmation_ConfirmForgotPassword'));
    expect(cognito).not.toHaveReceivedCommand(AdminAddUserToGroupCommand);
  });

  it('fails the confirmation when the group cannot be joined, so the person is not left without a role unnoticed', async () => {
    cognito.on(AdminAddUserToGroupCommand).rejects(new Error('throttled'));
    await expect(handler(event('PostConfirmation_ConfirmSignUp'))).rejects.toThrow('throttled');
  });
});
