import { scheduled } from '../../_lib/schedule';
import { expireSupplements } from '../../services/supplement-expiry';

/** Daily: 容缺 deadlines that passed end their applications. */
export const handler = scheduled('supplement-expiry', (now) => expireSupplements({ now }));
