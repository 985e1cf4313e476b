/**
 * Two current policies for a demo on today's clock (`npm start -- --as-of today`): the seeds'
 * 2020 hiring subsidy and startup grant as a county would renew them for 2026, with their
 * figures as dated parameters (the hiring subsidy rises from 2027-01-01). Bootstrap publishes
 * them after the seeds; they are demo data, like the subjects, not part of the seed catalogue.
 */
import { z } from 'zod';
import hireLocal2026 from '../../shared/policies/data/demo/hire-local-2026.v1.json';
import startupGrant2026 from '../../shared/policies/data/demo/startup-grant-2026.v1.json';
import demoParameters from '../../shared/policies/data/demo/parameters.json';
import {
  Parameter,
  paramValuesOf,
  parsePolicyVersion,
  SEED_PARAMETERS,
  type PolicyVersion,
} from '../../shared/policies';

export const DEMO_PARAMETERS: readonly Parameter[] = z.array(Parameter).parse(demoParameters);

const params = paramValuesOf([...SEED_PARAMETERS, ...DEMO_PARAMETERS]);

export const DEMO_POLICIES: readonly PolicyVersion[] = [hireLocal2026, startupGrant2026].map((d) =>
  parsePolicyVersion(d, params),
);

/** The seed and demo parameters together (what the demo table holds). */
export const DEMO_PARAM_VALUES = params;
