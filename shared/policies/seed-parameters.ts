/** The parameters the seed policies read, as shipped (bootstrap writes them to the table). */
import { z } from 'zod';
import SEED_PARAMETER_DOCUMENTS from './data/parameters.json';
import { Parameter, paramValuesOf } from './parameters';

export const SEED_PARAMETERS: readonly Parameter[] = z
  .array(Parameter)
  .parse(SEED_PARAMETER_DOCUMENTS);

export const SEED_PARAM_VALUES = paramValuesOf(SEED_PARAMETERS);
