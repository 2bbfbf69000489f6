import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { logger } from '../../shared/logger';
import { ROLES, type Role } from '../../shared/roles';

const cognito = new CognitoIdentityProviderClient({});

/** Every role but the applicant's: the ones that see other people's data or move money. */
export const STAFF_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'applicant');

/** Cognito's name for an authenticator app (TOTP) among a user's MFA methods. */
export const TOTP_MFA = 'SOFTWARE_TOKEN_MFA';

const isStaff = (group: string) => (STAFF_ROLES as readonly string[]).includes(group);

/**
 * Whether the user has an authenticator app (TOTP) set up and enabled. The trigger event does not
 * say (it carries attributes and groups, not MFA settings), so this asks Cognito: AdminGetUser,
 * the only permission the function has. With MFA "optional" on the pool, Cognito challenges
 * everyone who has TOTP enabled at every sign-in, so "enabled" means the sign-in passed it.
 */
export async function hasTotp(userPoolId: string, userName: string): Promise<boolean> {
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: userName }));
  return (user.UserMFASettingList ?? []).includes(TOTP_MFA);
}

/**
 * Cognito pre-token-generation trigger (event version 2, so the access token is changed too: the
 * API's JWT authorizer and the console use the access token). A member of a staff group who has
 * no authenticator app set up gets tokens without their staff groups: they are signed in, but the
 * API treats them as having no staff role until they set up TOTP and sign in again. Everyone else
 * (applicants; staff with TOTP) gets their groups unchanged, and applicants cost no Cognito call.
 * If Cognito cannot be asked, the trigger fails and so does the sign-in: no staff token by default.
 */
export async function preTokenGeneration(event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> {
  const groups = event.request.groupConfiguration?.groupsToOverride ?? [];
  const staff = groups.filter(isStaff);
  if (staff.length === 0) return event;
  if (await hasTotp(event.userPoolId, event.userName)) return event;
  const kept = groups.filter((group) => !isStaff(group));
  event.response = {
    ...event.response,
    claimsAndScopeOverrideDetails: {
      ...event.response?.claimsAndScopeOverrideDetails,
      // Replaces `cognito:groups` in both the ID and the access token (an empty list leaves it out).
      groupOverrideDetails: { groupsToOverride: kept },
    },
  };
  logger.warn('staff groups left out of the token: no authenticator app (TOTP) set up', {
    sub: event.request.userAttributes.sub,
    dropped: staff,
    triggerSource: event.triggerSource,
  });
  return event;
}

export const handler = middy(preTokenGeneration).use(injectLambdaContext(logger));
