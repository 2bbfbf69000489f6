import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../../shared/roles';
import { localConfig } from './config';
import { demoSub, ensureLocalSecrets, mintLocalToken } from './identity';

/** `npm run token -- --role officer [--sub someone]`: prints a local token, alone on stdout. */
const { values } = parseArgs({ options: { role: { type: 'string' }, sub: { type: 'string' }, hours: { type: 'string' } } });
if (!isRole(values.role)) {
  process.stderr.write(`Usage: npm run token -- --role <${ROLES.join('|')}> [--sub <user id>] [--hours <n>]\n`);
  process.exit(2);
}
const { dataDir } = localConfig();
const { jwtSecret } = ensureLocalSecrets(dataDir);
const token = await mintLocalToken(jwtSecret, {
  sub: values.sub ?? demoSub(values.role),
  roles: [values.role],
  ttlSeconds: Number(values.hours ?? 12) * 3600,
});
process.stdout.write(`${token}\n`);
