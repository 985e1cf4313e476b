import { CreateUploadBody } from '../../../shared/schemas/upload';
import { createUpload } from '../../services/uploads';
import { created, httpHandler } from '../_lib/http-handler';
import { asApplicant } from '../_lib/actors';

/** POST /v1/uploads — a pre-signed PUT for one material file (checksum signed in). */
export const handler = httpHandler(
  { access: 'applicant', body: CreateUploadBody },
  async ({ actor, body, now }) => created(await createUpload(asApplicant(actor), body, now)),
);
