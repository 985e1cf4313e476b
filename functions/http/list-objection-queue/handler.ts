import { listObjectionQueue as route } from '../../../shared/contracts/audit';
import { objectionQueue } from '../../services/publicity';
import { httpHandler } from '../_lib/http-handler';

/** GET /v1/review/objections — the reviewer's department's open 公示 objections (applications and grants). */
export const handler = httpHandler(route, ({ actor, query }) => objectionQueue(actor, query));
