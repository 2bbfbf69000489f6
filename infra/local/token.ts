import { parseArgs } from 'node:util';
import { isRole, ROLES, type Role } from '../../shared/roles';
import { localConfig } from './config';
import { demoSub, ensureLocalSecrets, mintLocalToken } from './identity';

/**
 * `npm run token -- --role officer [--sub someone]`: prints a local token, alone on stdout.
 * `--role applicant,officer` mints one for a person in several groups, as Cognito would.
 */
const { values } = parseArgs({ options: { role: { type: 'string' }, sub: { type: 'string' }, hours: { type: 'string' } } });
const roles = (values.role ?? '').split(',').map((role) => role.trim());
if (roles.length === 0 || !roles.every(isRole) || new Set(roles).size !== roles.length) {
  process.stderr.write(`Usage: npm run token -- --role <${ROLES.join('|')}>[,<another role>…] [--sub <user id>] [--hours <n>]\n`);
  process.exit(2);
}
const { dataDir } = localConfig();
const { jwtSecret } = ensureLocalSecrets(dataDir);
const token = await mintLocalToken(jwtSecret, {
  sub: values.sub ?? demoSub(roles[0] as Role),
  roles: roles as Role[],
  ttlSeconds: Number(values.hours ?? 12) * 3600,
});
process.stdout.write(`${token}\n`);
