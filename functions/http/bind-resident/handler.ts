import { bindResident } from '../../services/identity';
import { bindResident as route } from '../../../shared/contracts/identity';
import { httpHandler } from '../_lib/http-handler';

/**
 * POST /v1/bind/resident — an unbound WeChat user (binding ticket from the login's NOT_BOUND
 * answer) binds itself to a resident by name + 居民身份证号 + phone; answers a session.
 */
export const handler = httpHandler(route, ({ body, now }) => bindResident(body, now));
