import { parseArgs } from 'node:util';
import { isRole, ROLES, type Role } from '../../shared/roles';
import { localConfig } from './config';
import { demoSub, mintLocalToken, readLocalSecrets, secretsFile } from './identity';

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
// Only the key the running service verifies with: a new key made here would mint tokens it refuses.
const secrets = readLocalSecrets(dataDir);
if (!secrets) {
  process.stderr.write(
    `There is no local key in ${dataDir} (${secretsFile(dataDir)}): run npm start once with the same FUHUA_DATA_DIR, or set FUHUA_DATA_DIR to the data folder the service uses.\n`,
  );
  process.exit(1);
}
const { jwtSecret } = secrets;
const token = await mintLocalToken(jwtSecret, {
  sub: values.sub ?? demoSub(roles[0] as Role),
  roles: roles as Role[],
  ttlSeconds: Number(values.hours ?? 12) * 3600,
});
process.stdout.write(`${token}\n`);
