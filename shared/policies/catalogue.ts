/**
 * Every benefit of POLICIES.md §A–D as data. Each version is parsed and compiled when this
 * module loads, so a policy with an unknown fact path or an ill-typed rule stops the
 * process at start-up (and the tests) instead of misjudging an applicant.
 */
import {
  enterpriseAwards,
  hireLocal,
  hirePoor,
  jobRetentionRefund,
  labourAgencyReward,
  retailSupplyReward,
  trainingSubsidy,
} from './enterprise-subsidies';
import { flexibleEmploymentInsurance, transferStable, transferTransport } from './residents';
import { incubatorFeeWaiver, rentWaiver2023, rentWaiverState } from './rent-waivers';
import { startupGrant, startupLoan, startupLoanInterest } from './startup';
import { parsePolicyVersion, type PolicyVersion } from './types';

export const CATALOGUE: readonly PolicyVersion[] = [
  // §A subsidies to enterprises
  hireLocal,
  hirePoor,
  jobRetentionRefund,
  trainingSubsidy,
  labourAgencyReward,
  retailSupplyReward,
  enterpriseAwards,
  // §B rent waivers
  rentWaiverState,
  rentWaiver2023,
  // §C startup support
  startupLoan,
  startupLoanInterest,
  startupGrant,
  incubatorFeeWaiver,
  // §D residents
  transferTransport,
  transferStable,
  flexibleEmploymentInsurance,
].map((p) => Object.freeze(parsePolicyVersion(p)));
