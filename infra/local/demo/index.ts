import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../../../shared/db/client';
import { tableName } from '../../../shared/db/table';
import { seedApplicants } from './applicants';
import { seedStaff } from './staff';
import { seedApplications } from './applications';
import { seedSpaces } from './spaces';
import { seedMentors } from './mentors';
import { seedSubsidies } from './subsidies';
import { seedEvents } from './events';
import { seedDocuments } from './documents';
import { seedTraining } from './training';
import { seedLoans } from './loans';
import { seedPolicy } from './policy';

/**
 * Demo data, loaded through the same domain services the API uses. Each part is loaded once: a
 * marker item records it, so a second start adds nothing and a newer version adds only new parts.
 */
const PARTS: Array<[name: string, seed: () => Promise<void>]> = [
  // Staff first: reviewers and judges are chosen from the staff directory.
  ['staff', seedStaff],
  ['applicants', seedApplicants],
  ['applications', seedApplications],
  // Mentors before spaces: the mentors demo assigns mentors to the applications' demo startups only.
  ['mentors', seedMentors],
  ['spaces', seedSpaces],
  ['subsidies', seedSubsidies],
  ['events', seedEvents],
  ['documents', seedDocuments],
  ['training', seedTraining],
  ['loans', seedLoans],
  ['policy', seedPolicy],
];

export async function seedDemoData(): Promise<string> {
  const loaded: string[] = [];
  const failed: string[] = [];
  for (const [name, seed] of PARTS) {
    const marker = { pk: 'META#DEMO', sk: name };
    const done = await db.send(new GetCommand({ TableName: tableName(), Key: marker, ConsistentRead: true }));
    if (done.Item) continue;
    try {
      await seed();
    } catch (error) {
      // The API still starts: a broken demo part must not keep anyone from their own data.
      failed.push(`${name} (${(error as Error).message})`);
      continue;
    }
    await db.send(new PutCommand({ TableName: tableName(), Item: { ...marker, entity: 'demoMarker', at: new Date().toISOString() } }));
    loaded.push(name);
  }
  const parts = [loaded.length > 0 ? `demo data loaded: ${loaded.join(', ')}` : 'demo data already present'];
  if (failed.length > 0) parts.push(`demo data NOT loaded: ${failed.join('; ')} — start with an empty FUHUA_DATA_DIR to load it afresh`);
  return parts.join('; ');
}
