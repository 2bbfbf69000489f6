import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { isRole, ROLES, type Role } from '../../shared/roles';
import { OUTPUTS, stackName } from '../outputs';

/**
 * `npm run create-user -- --email someone@example.org --role officer [--stage prod] [--user-pool-id …]`
 *
 * Creates a user in the stage's Cognito user pool (Cognito emails a temporary password; the user
 * chooses their own at first sign-in) and puts them in the role's group. Safe to run again: an
 * existing user is only added to the group. Prints the user's id (`sub`), the id the API knows them by.
 */
export interface CreateUserInput {
  userPoolId: string;
  email: string;
  role: Role;
}

export interface CreatedUser {
  sub: string;
  created: boolean;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export async function createUser(client: CognitoIdentityProviderClient, input: CreateUserInput): Promise<CreatedUser> {
  if (!EMAIL.test(input.email)) throw new UsageError(`"${input.email}" is not an email address.`);
  const username = input.email.toLowerCase();
  let created = true;
  let sub: string | undefined;
  try {
    const result = await client.send(
      new AdminCreateUserCommand({
        UserPoolId: input.userPoolId,
        Username: username,
        UserAttributes: [
          { Name: 'email', Value: username },
          { Name: 'email_verified', Value: 'true' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      }),
    );
    sub = result.User?.Attributes?.find((a) => a.Name === 'sub')?.Value;
  } catch (error) {
    if (!(error instanceof UsernameExistsException)) throw error;
    created = false;
  }
  if (!sub) {
    const existing = await client.send(new AdminGetUserCommand({ UserPoolId: input.userPoolId, Username: username }));
    sub = existing.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
  }
  await client.send(new AdminAddUserToGroupCommand({ UserPoolId: input.userPoolId, Username: username, GroupName: input.role }));
  if (!sub) throw new Error(`Cognito did not return the id of ${username}.`);
  return { sub, created };
}

export class UsageError extends Error {}

/** The user pool id from `--user-pool-id`, or from the outputs `cdk deploy` wrote (cdk.json `outputsFile`). */
export function userPoolIdFrom(options: { userPoolId?: string; stage: string; outputsFile: string }): string {
  if (options.userPoolId) return options.userPoolId;
  if (!existsSync(options.outputsFile)) {
    throw new UsageError(
      `No --user-pool-id given and no ${options.outputsFile} (written by npm run deploy). Pass --user-pool-id <id> from the stack's outputs.`,
    );
  }
  const outputs = JSON.parse(readFileSync(options.outputsFile, 'utf8')) as Record<string, Record<string, string>>;
  const id = outputs[stackName(options.stage)]?.[OUTPUTS.userPoolId];
  if (!id)
    throw new UsageError(
      `${options.outputsFile} has no ${OUTPUTS.userPoolId} for stack ${stackName(options.stage)}; deploy that stage or pass --user-pool-id.`,
    );
  return id;
}

const USAGE = `Usage: npm run create-user -- --email <address> --role <${ROLES.join('|')}> [--stage dev|prod] [--user-pool-id <id>] [--region <region>]`;

export async function main(argv: string[], client?: CognitoIdentityProviderClient): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        stage: { type: 'string', default: 'dev' },
        'user-pool-id': { type: 'string' },
        region: { type: 'string' },
        'outputs-file': { type: 'string', default: 'cdk-outputs.json' },
      },
    });
    if (!values.email || !isRole(values.role)) throw new UsageError(USAGE);
    const userPoolId = userPoolIdFrom({ userPoolId: values['user-pool-id'], stage: values.stage, outputsFile: resolve(values['outputs-file']) });
    // The pool id starts with its region (e.g. cn-north-1_AbC123), so no region setting is needed.
    const region = values.region ?? userPoolId.split('_')[0];
    const cognito = client ?? new CognitoIdentityProviderClient(region ? { region } : {});
    const user = await createUser(cognito, { userPoolId, email: values.email, role: values.role });
    process.stdout.write(
      `${user.created ? 'Created' : 'Found existing'} user ${values.email.toLowerCase()} (sub ${user.sub}) in group ${values.role}.` +
        `${user.created ? ' Cognito has emailed a temporary password; it must be changed at first sign-in.' : ''}\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(
      `${error instanceof UsageError ? error.message : `Could not create the user: ${(error as Error).name}: ${(error as Error).message}`}\n`,
    );
    return error instanceof UsageError ? 2 : 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
