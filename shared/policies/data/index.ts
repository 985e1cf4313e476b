/**
 * The seed policies as published data (POLICIES.md §A–D, in catalogue order): one JSON
 * document per version, `<id>.v<version>.json`, in the shape `parsePolicyVersion` accepts.
 * They are what bootstrap writes to the table as the first published versions; after that
 * the table, not this list, is the catalogue (functions/services/catalogue.ts).
 */
import hireLocal from './hire-local.v1.json';
import hirePoor from './hire-poor.v1.json';
import jobRetentionRefund from './job-retention-refund.v1.json';
import trainingSubsidy from './training-subsidy.v1.json';
import labourAgencyReward from './labour-agency-reward.v1.json';
import retailSupplyReward from './retail-supply-reward.v1.json';
import enterpriseAwards from './enterprise-awards.v1.json';
import rentWaiverState from './rent-waiver-state.v1.json';
import rentWaiverV2023 from './rent-waiver-2023.v1.json';
import startupLoan from './startup-loan.v1.json';
import startupLoanInterest from './startup-loan-interest.v1.json';
import startupGrant from './startup-grant.v1.json';
import incubatorFeeWaiver from './incubator-fee-waiver.v1.json';
import transferTransport from './transfer-transport.v1.json';
import transferStable from './transfer-stable.v1.json';
import flexibleEmploymentInsurance from './flexible-employment-insurance.v1.json';

export const SEED_DOCUMENTS: readonly unknown[] = [
  hireLocal,
  hirePoor,
  jobRetentionRefund,
  trainingSubsidy,
  labourAgencyReward,
  retailSupplyReward,
  enterpriseAwards,
  rentWaiverState,
  rentWaiverV2023,
  startupLoan,
  startupLoanInterest,
  startupGrant,
  incubatorFeeWaiver,
  transferTransport,
  transferStable,
  flexibleEmploymentInsurance,
];
