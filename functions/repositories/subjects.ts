/**
 * Subjects (enterprises and residents) and how their ids are made.
 * Feeds name a subject by its official code (统一社会信用代码 / 居民身份证号); keys, URLs
 * and tokens must not carry an ID-card number, so the SubjectId is an HMAC-SHA256 of the
 * normalised code under a secret key (SUBJECT_ID_KEY). An unkeyed digest would not do: an
 * ID number has about 10^9 possibilities once the region and birth date are guessed (or
 * read off the masked number beside the id), so anyone could recompute it in seconds.
 * Always derive ids with subjectIdOf(), never with deterministicId() on the raw code.
 */
import { createHmac } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { notFound } from '../../shared/errors';
import type { SubjectId } from '../../shared/ids';
import { normaliseOfficialCode, Subject } from '../../shared/subject';
import { subjectIdKey } from '../_lib/keys';
import { db, tableName } from './table';

/** The SubjectId of an official code under `key` (tests pass one; the platform uses SUBJECT_ID_KEY). */
export function deriveSubjectId(officialCode: string, key: string): SubjectId {
  const digest = createHmac('sha256', key)
    .update(`zhida-subject:${normaliseOfficialCode(officialCode)}`)
    .digest('hex');
  return `sub_${digest.slice(0, 24)}` as SubjectId; // 96 bits: no collision among a country's subjects
}

/** Throws (a startup error) when SUBJECT_ID_KEY is missing or shorter than 32 characters. */
export function subjectIdOf(officialCode: string): SubjectId {
  return deriveSubjectId(officialCode, subjectIdKey());
}

/**
 * Names the derivation and key that made a table's subject ids, without revealing the key:
 * `npm start` compares it with the one recorded in the data it finds (see markIdDerivation).
 */
export function subjectIdDerivation(key: string = subjectIdKey()): string {
  return `hmac-sha256/v1/${createHmac('sha256', key).update('zhida-subject-id-fingerprint').digest('hex').slice(0, 16)}`;
}

const DERIVATION_KEY = { PK: 'META#subject-ids', SK: 'DERIVATION' };

/** Records which derivation the subject ids in this table were made with (the seed writes it). */
export async function markIdDerivation(derivation: string = subjectIdDerivation()): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...DERIVATION_KEY, kind: 'meta', derivation },
    }),
  );
}

/** The recorded derivation; undefined when the table predates the marker (ids of the unkeyed digest). */
export async function recordedIdDerivation(): Promise<string | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: DERIVATION_KEY, ConsistentRead: true }),
  );
  return typeof Item?.derivation === 'string' ? Item.derivation : undefined;
}

export const subjectPk = (id: SubjectId) => `SUBJ#${id}`;
const PROFILE = 'PROFILE';

export async function putSubject(subject: Subject): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { PK: subjectPk(subject.id), SK: PROFILE, kind: 'subject', subject },
    }),
  );
}

export async function findSubject(id: SubjectId): Promise<Subject | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: { PK: subjectPk(id), SK: PROFILE } }),
  );
  return Item ? Subject.parse(Item.subject) : undefined;
}

export async function getSubject(id: SubjectId): Promise<Subject> {
  const subject = await findSubject(id);
  if (!subject) throw notFound('主体');
  return subject;
}
