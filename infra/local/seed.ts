/** Loads the demo county into a table: subjects, facts, demo users, accounts on file. Safe to rerun (puts are keyed). */
import { putFacts } from '../../functions/repositories/facts';
import { putPayeeOnFile } from '../../functions/repositories/grants';
import { markIdDerivation, putSubject } from '../../functions/repositories/subjects';
import { putUser } from '../../functions/repositories/users';
import { putHolder, putMember } from '../../functions/repositories/identity';
import { seedCatalogue } from '../../functions/services/catalogue';
import { instantOf } from '../../shared/calendar';
import { DEMO_FACTS, DEMO_PAYEES, DEMO_SUBJECTS, DEMO_USERS } from './demo-data';
import { DEMO_PARAMETERS, DEMO_POLICIES } from './demo-policies';

export interface SeedSummary {
  subjects: number;
  facts: number;
  users: number;
}

/**
 * Demo users are marked `dev` (listed by the password-less dev login) only on a local table:
 * DynamoDB Local, reached through a loopback endpoint. Seeded anywhere else (a real region),
 * no user, and so no admin, is a dev user: the dev login has no one to offer.
 */
export function devUsersAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  const endpoint = env.AWS_ENDPOINT_URL_DYNAMODB;
  if (!endpoint) return false;
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

export async function seedDemo(): Promise<SeedSummary> {
  const dev = devUsersAllowed();
  await markIdDerivation(); // which key the ids below are made with (npm start checks it)
  // the seed policies and their parameters as their first published versions, and the two
  // current (2026) demo policies after them (each kept if already present)
  await seedCatalogue(instantOf(new Date('2020-01-01T00:00:00.000Z')), {
    documents: DEMO_POLICIES,
    parameters: DEMO_PARAMETERS,
  });
  for (const subject of DEMO_SUBJECTS) await putSubject(subject);
  await putFacts(DEMO_FACTS);
  for (const user of DEMO_USERS) await putUser(user, { dev });
  // a demo applicant holds its subject: binding the same ID number or USCC from another WeChat
  // account is refused; a demo enterprise account is listed as its enterprise's manager
  for (const user of DEMO_USERS) {
    if (user.role !== 'applicant') continue;
    await putHolder(user.subjectId, user.id);
    if (DEMO_SUBJECTS.find((s) => s.id === user.subjectId)?.kind === 'enterprise') {
      await putMember(user.subjectId, {
        userId: user.id,
        name: user.name,
        memberRole: 'manager',
        openId: `demo-${user.id}`,
        since: '2020-01-01T00:00:00.000Z',
      });
    }
  }
  for (const { subjectId, payee } of DEMO_PAYEES)
    await putPayeeOnFile(subjectId, payee, '2020-01-01T00:00:00.000Z');
  return { subjects: DEMO_SUBJECTS.length, facts: DEMO_FACTS.length, users: DEMO_USERS.length };
}
