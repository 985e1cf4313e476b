/**
 * Every label the UI shows comes from shared/vocabulary, the one table per vocabulary the
 * server's views use too, so client and server say the same words. The names here are the
 * ones the pages already import.
 */
export {
  ACTOR_KIND_LABELS as ACTOR_KIND_LABEL,
  APPLICATION_STATUS_LABELS as APPLICATION_STATUS_LABEL,
  GRANT_STATUS_LABELS as GRANT_STATUS_LABEL,
  PAYABLE_KIND_LABELS as PAYABLE_KIND_LABEL,
  PAYMENT_STATUS_LABELS as PAYMENT_STATUS_LABEL,
  POLICY_KIND_LABELS as POLICY_KIND_LABEL,
  POLICY_MODE_LABELS as POLICY_MODE_LABEL,
  RECOVERY_STATUS_LABELS as RECOVERY_STATUS_LABEL,
  ROLE_LABELS as ROLE_LABEL,
  RUN_STATUS_LABELS as RUN_STATUS_LABEL,
  SUBJECT_KIND_LABELS as SUBJECT_KIND_LABEL,
} from '@shared/vocabulary';
