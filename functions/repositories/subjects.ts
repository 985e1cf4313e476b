/**
 * Subjects (enterprises and residents) and how their ids are made.
 * Feeds name a subject by its official code (统一社会信用代码 / 居民身份证号); keys, URLs
 * and tokens must not carry an ID-card number, so the SubjectId is a one-way digest of it.
 * Always derive ids with subjectIdOf(), never with deterministicId() on the raw code.
 */
import { createHash } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { notFound } from '../../shared/errors';
import type { SubjectId } from '../../shared/ids';
import { Subject } from '../../shared/subject';
import { db, tableName } from './table';

export function subjectIdOf(officialCode: string): SubjectId {
  const digest = createHash('sha256').update(`zhida-subject:${officialCode.toUpperCase()}`).digest('hex');
  return `sub_${digest.slice(0, 24)}` as SubjectId;
}

export const subjectPk = (id: SubjectId) => `SUBJ#${id}`;
const PROFILE = 'PROFILE';

export async function putSubject(subject: Subject): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { PK: subjectPk(subject.id), SK: PROFILE, kind: 'subject', subject } }));
}

export async function findSubject(id: SubjectId): Promise<Subject | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: { PK: subjectPk(id), SK: PROFILE } }));
  return Item ? Subject.parse(Item.subject) : undefined;
}

export async function getSubject(id: SubjectId): Promise<Subject> {
  const subject = await findSubject(id);
  if (!subject) throw notFound('主体');
  return subject;
}
