import { scheduled } from '../../_lib/schedule';
import { closePublicityDue } from '../../services/close-publicity';

/** Hourly: ended 公示 → payable, reserving budget (applications and grants). */
export const handler = scheduled('close-publicity', (now) => closePublicityDue({ now }));
