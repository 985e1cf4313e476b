import { getPublicObjection as route } from '../../../shared/contracts/audit';
import { publicObjectionOutcome } from '../../services/publicity';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/publicity/objections/{objectionId}?code= — public: the objector's own objection and its outcome only. */
export const handler = httpHandler(route, ({ params, query }) =>
  publicObjectionOutcome(params.objectionId, query.code),
);
