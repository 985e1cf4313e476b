/**
 * An in-process stand-in for the upload bucket, for integration tests that submit materials
 * without caring about the files: `fakeUpload(materialId)` "stores" a file and returns the
 * material reference naming it. The fake answers HeadObject as S3 does for what it holds
 * (size, SHA-256) and "not found" for anything else, so an invented upload id is still
 * refused. It is keyed by material and upload id only (the tests that check that one
 * subject cannot cite another's files run against s3rver: test/integration/materials).
 */
import { randomBytes } from 'node:crypto';
import {
  useUploadStore,
  type StoredObject,
  type UploadStore,
} from '../../functions/adapters/storage';

const objects = new Map<string, StoredObject>();
const idOf = (key: string) => key.split('/').slice(-2).join('/');

const fake: UploadStore = {
  head: (key) => Promise.resolve(objects.get(idOf(key))),
  presignGet: (key, o) =>
    Promise.resolve(
      `http://uploads.test/${key}?expires=${String(o.expiresInSeconds)}&name=${encodeURIComponent(o.fileName)}`,
    ),
};

/** A material whose file the fake store holds (installs the fake in this test file's process). */
export function fakeUpload(materialId: string): { materialId: string; uploadId: string } {
  useUploadStore(fake);
  const uploadId = `upl_${randomBytes(16).toString('hex')}`;
  objects.set(`${materialId}/${uploadId}`, {
    sizeBytes: 1024,
    sha256: randomBytes(32).toString('base64'),
    contentType: 'application/pdf',
  });
  return { materialId, uploadId };
}
