export {
  Expr,
  Condition,
  ParamName,
  type DatedValue,
  type ParamValues,
  type Scalar,
  type Tier,
  type CompareOp,
  type ArithmeticOp,
} from './ast';
export * as rule from './build';
export {
  compile,
  compileExpr,
  paramValueOn,
  NO_PARAMS,
  roundDownToFen,
  MISSING,
  type Compiled,
  type CompiledRule,
  type RuleOutcome,
  type Shown,
  type ValueType,
} from './compile';
export {
  compileRuleSet,
  evaluate,
  decide,
  EFFECTIVE_WINDOW,
  type RuleSet,
  type CompiledRuleSet,
  type Evaluation,
  type ConditionResult,
  type Verdict,
  type EvaluateOptions,
  type Decision,
} from './evaluate';
