import { AdminAddUserToGroupCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { logger } from '../../shared/logger';

const cognito = new CognitoIdentityProviderClient({});

/** The only role a person can give themselves: everyone who signs up is an applicant. */
export const SELF_SIGN_UP_ROLE = 'applicant';

/**
 * Cognito post-confirmation trigger: a person who signed up and confirmed their email joins the
 * `applicant` group. Staff roles are only ever given by the centre (`npm run create-user`).
 * A confirmed password reset (`PostConfirmation_ConfirmForgotPassword`) changes nothing.
 */
export async function handler(event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> {
  if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: event.userPoolId, Username: event.userName, GroupName: SELF_SIGN_UP_ROLE }));
  logger.info('signed up', { sub: event.request.userAttributes.sub, group: SELF_SIGN_UP_ROLE });
  return event;
}
