import { rateService as route } from '../../../shared/contracts/apply';
import { rateService } from '../../services/ratings';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/ratings — 好差评: the applicant rates a paid or refused item 1–5, once. */
export const handler = httpHandler(route, ({ actor, body, now }) => rateService(actor, body, now));
