/**
 * Builders for realistic facts: the golden tests read as "a micro enterprise with these
 * three hires", and the local demo seed can reuse them. Every builder returns a fact that
 * parses with `Fact`; pass overrides for what the case is about.
 */
import type { Fact } from './fact';
import type { Period } from './fact';
import type { ValuesOf } from './sources';
import type { Employee, Lease } from './sources';

/** 高台县, the county of seed 003. */
export const DEMO_COUNTY = '620724';
export const DEMO_ENTERPRISE = '91620724MA71XXXX0N'; // a valid check character: feeds refuse an invalid one
export const DEMO_PERSON = '620724199001011234';

const open = (from: string): Period => ({ from, to: null });

type FactFor<S extends Fact['source']> = Extract<Fact, { source: S }>;

function fact<S extends Fact['source']>(
  source: S,
  values: ValuesOf<S>,
  subjectId: string,
  period: Period,
) {
  return { subjectId, source, period, values } as FactFor<S>;
}

export function marketRegistry(
  v: Partial<ValuesOf<'market_registry'>> = {},
  subjectId = DEMO_ENTERPRISE,
  period = open('2019-01-01'),
) {
  const values: ValuesOf<'market_registry'> = {
    name: '高台县示例商贸有限公司',
    kind: 'enterprise',
    size: 'micro',
    industry: 'wholesale_retail',
    retailFormat: null,
    aboveQuota: false,
    aboveScale: false,
    registeredOn: '2018-05-20',
    county: DEMO_COUNTY,
    status: 'operating',
    ...v,
  };
  return fact('market_registry', values, subjectId, period);
}

export function employee(v: Partial<Employee> = {}): Employee {
  return {
    personId: 'P-0001',
    local: true,
    registeredPoor: false,
    hiredOn: '2020-03-01',
    consecutiveMonths: 6,
    trainedOn: null,
    ...v,
  };
}

type EmployerValues = Extract<ValuesOf<'social_insurance'>, { role: 'employer' }>;
type InsuredValues = Extract<ValuesOf<'social_insurance'>, { role: 'insured_person' }>;

export function employerInsurance(
  v: Partial<Omit<EmployerValues, 'role'>> = {},
  subjectId = DEMO_ENTERPRISE,
  period = open('2021-01-01'),
) {
  const values: EmployerValues = {
    role: 'employer',
    employees: [],
    contributionYear: 2019,
    unemploymentInsurancePaidFen: 0,
    headcountAtYearStart: 20,
    layoffsInYear: 0,
    ...v,
  };
  return fact('social_insurance', values, subjectId, period);
}

export function personInsurance(
  v: Partial<Omit<InsuredValues, 'role'>> = {},
  subjectId = DEMO_PERSON,
  period = open('2020-01-01'),
) {
  const values: InsuredValues = {
    role: 'insured_person',
    employment: 'employed',
    consecutiveMonths: 0,
    employedSince: null,
    contributionYear: 2020,
    flexibleInsurancePaidFen: 0,
    ...v,
  };
  return fact('social_insurance', values, subjectId, period);
}

export function lease(v: Partial<Lease> = {}): Lease {
  return {
    leaseId: 'L-0001',
    landlordKind: 'state',
    premises: 'ordinary',
    monthlyRentFen: 300_000,
    monthlyServiceFeesFen: 0,
    startOn: '2019-07-01',
    endOn: '2022-06-30',
    ...v,
  };
}

export function leaseRegistry(
  leases: Lease[],
  subjectId = DEMO_ENTERPRISE,
  period = open('2019-01-01'),
) {
  return fact('lease_registry', { leases }, subjectId, period);
}

export function povertyRegistry(
  v: Partial<ValuesOf<'poverty_registry'>> = {},
  subjectId = DEMO_PERSON,
  period = open('2019-01-01'),
) {
  const values = { registeredPoor: false, marginal: false, householdId: null, ...v };
  return fact('poverty_registry', values, subjectId, period);
}

export function awardList(
  awards: ValuesOf<'award_list'>['awards'],
  subjectId = DEMO_ENTERPRISE,
  period = open('2023-01-01'),
) {
  return fact('award_list', { awards }, subjectId, period);
}

type Loan = ValuesOf<'loan_registry'>['loans'][number];

export function loan(v: Partial<Loan> = {}): Loan {
  return {
    loanId: 'LN-0001',
    kind: 'startup_guarantee',
    principalFen: 20_000_000,
    outstandingFen: 20_000_000,
    annualRateBp: 435,
    status: 'active',
    repaidOnTime: true,
    startOn: '2020-06-01',
    maturityOn: '2023-05-31',
    ...v,
  };
}

export function loanRegistry(loans: Loan[], subjectId = DEMO_PERSON, period = open('2020-01-01')) {
  return fact('loan_registry', { loans }, subjectId, period);
}

type PersonEmploymentValues = Extract<ValuesOf<'employment_registry'>, { role: 'person' }>;

export function personEmployment(
  v: Partial<Omit<PersonEmploymentValues, 'role'>> = {},
  subjectId = DEMO_PERSON,
  period = open('2019-01-01'),
) {
  const values: PersonEmploymentValues = {
    role: 'person',
    graduateOn: null,
    employmentDifficulty: false,
    returningMigrant: false,
    veteran: false,
    firstBusinessStartedOn: null,
    businessMonthsOperating: null,
    businessOperatingNormally: null,
    transferredOrganised: false,
    transferDestination: null,
    transferredOn: null,
    ...v,
  };
  return fact('employment_registry', values, subjectId, period);
}

type Placement = Extract<ValuesOf<'employment_registry'>, { role: 'agency' }>['placements'][number];

export function placement(v: Partial<Placement> = {}): Placement {
  return {
    personId: 'P-0101',
    registeredPoor: true,
    placedOn: '2020-04-01',
    contractMonths: 12,
    monthsPerformed: 6,
    ...v,
  };
}

export function agencyPlacements(
  placements: Placement[],
  subjectId = DEMO_ENTERPRISE,
  period = open('2020-01-01'),
) {
  return fact('employment_registry', { role: 'agency', placements }, subjectId, period);
}

export function taxRecord(
  v: Partial<ValuesOf<'tax'>> = {},
  subjectId = DEMO_ENTERPRISE,
  period = open('2020-01-01'),
) {
  const values: ValuesOf<'tax'> = {
    taxpayerKind: 'small_scale',
    creditRating: 'B',
    taxYear: 2019,
    revenueFen: 50_000_000,
    taxPaidFen: 1_500_000,
    ...v,
  };
  return fact('tax', values, subjectId, period);
}
