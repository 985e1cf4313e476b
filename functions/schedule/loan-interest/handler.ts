import { scheduled } from '../../_lib/schedule';
import { settleLoanInterest } from '../../services/loan-interest';

/** Quarterly, on the 20th of the quarter's last month: one 贴息 per active loan per quarter. */
export const handler = scheduled('loan-interest', (now) => settleLoanInterest({ now }));
