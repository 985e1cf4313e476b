import {
  PublicObjectionLookupPath,
  PublicObjectionLookupQuery,
} from '../../../shared/schemas/publicity';
import { publicObjectionOutcome } from '../../services/publicity';
import { httpHandler, ok } from '../_lib/http-handler';

/** GET /v1/publicity/objections/{objectionId}?code= — public: the objector's own objection and its outcome only. */
export const handler = httpHandler(
  { access: 'public', params: PublicObjectionLookupPath, query: PublicObjectionLookupQuery },
  async ({ params, query }) => ok(await publicObjectionOutcome(params.objectionId, query.code)),
);
