import 'aws-sdk-client-mock-vitest/extend';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUser, main, userPoolIdFrom } from '../../infra/ops/create-user';

const cognito = mockClient(CognitoIdentityProviderClient);
const client = new CognitoIdentityProviderClient({ region: 'cn-north-1' });
const POOL = 'cn-north-1_AbC123';

beforeEach(() => cognito.reset());
afterEach(() => vi.restoreAllMocks());

describe('npm run create-user', () => {
  it('creates the user with a verified email (Cognito mails a temporary password) and puts them in the role group', async () => {
    cognito.on(AdminCreateUserCommand).resolves({ User: { Username: 'x', Attributes: [{ Name: 'sub', Value: 'sub-123' }] } });
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    const user = await createUser(client, { userPoolId: POOL, email: 'Officer@Example.org', role: 'officer' });
    expect(user).toEqual({ sub: 'sub-123', created: true });
    expect(cognito).toHaveReceivedCommandWith(AdminCreateUserCommand, {
      UserPoolId: POOL,
      Username: 'officer@example.org',
      UserAttributes: [
        { Name: 'email', Value: 'officer@example.org' },
        { Name: 'email_verified', Value: 'true' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    });
    expect(cognito).toHaveReceivedCommandWith(AdminAddUserToGroupCommand, { UserPoolId: POOL, Username: 'officer@example.org', GroupName: 'officer' });
  });

  it('is safe to run again: an existing user is only added to the group', async () => {
    cognito.on(AdminCreateUserCommand).rejects(new UsernameExistsException({ message: 'exists', $metadata: {} }));
    cognito.on(AdminGetUserCommand).resolves({ Username: 'x', UserAttributes: [{ Name: 'sub', Value: 'sub-456' }] });
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    expect(await createUser(client, { userPoolId: POOL, email: 'finance@example.org', role: 'finance' })).toEqual({ sub: 'sub-456', created: false });
    expect(cognito).toHaveReceivedCommandWith(AdminAddUserToGroupCommand, { GroupName: 'finance' });
  });

  it('reads the user pool id from the deploy outputs of the stage, or takes it as an argument', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fuhua-outputs-'));
    const file = join(dir, 'cdk-outputs.json');
    writeFileSync(file, JSON.stringify({ 'Fuhua-prod': { UserPoolId: POOL, ApiUrl: 'https://x' } }));
    expect(userPoolIdFrom({ stage: 'prod', outputsFile: file })).toBe(POOL);
    expect(() => userPoolIdFrom({ stage: 'dev', outputsFile: file })).toThrow(/no UserPoolId for stack Fuhua-dev/);
    expect(userPoolIdFrom({ userPoolId: 'eu-west-1_X', stage: 'dev', outputsFile: join(dir, 'missing.json') })).toBe('eu-west-1_X');
    expect(() => userPoolIdFrom({ stage: 'dev', outputsFile: join(dir, 'missing.json') })).toThrow(/--user-pool-id/);
  });

  it('refuses an unknown role or a missing email with the usage line, without calling Cognito', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['--email', 'a@example.org', '--role', 'admin', '--user-pool-id', POOL], client)).toBe(2);
    expect(await main(['--role', 'officer', '--user-pool-id', POOL], client)).toBe(2);
    expect(String(stderr.mock.calls[0]![0])).toMatch(/^Usage: npm run create-user -- --email <address> --role <applicant\|officer/);
    expect(cognito.calls()).toHaveLength(0);
  });

  it("prints the new user's id on success", async () => {
    cognito.on(AdminCreateUserCommand).resolves({ User: { Attributes: [{ Name: 'sub', Value: 'sub-789' }] } });
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await main(['--email', 'fin@example.org', '--role', 'finance', '--user-pool-id', POOL], client)).toBe(0);
    expect(String(stdout.mock.calls[0]![0])).toContain('sub sub-789');
  });
});
