import { createUpload } from '../../services/uploads';
import { createUpload as route } from '../../../shared/contracts/apply';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/uploads — a pre-signed PUT for one material file (checksum signed in). */
export const handler = httpHandler(route, ({ actor, body, now }) => createUpload(actor, body, now));
