/** GET /v1/me/todos: every task waiting on the signed-in person (issue #17, 首页 待办). */
import { z } from 'zod';
import { AtInstant } from './common';

export const TODO_KINDS = [
  'confirm_account',
  'supplement_due',
  'returned',
  'objection_ruled',
] as const;
export const TodoKind = z.enum(TODO_KINDS);
export type TodoKind = z.infer<typeof TodoKind>;

export const Todo = z.object({
  /** Stable per task (kind and the record's id): the app keys its banners on it. */
  key: z.string(),
  kind: TodoKind,
  /** What to do, in Chinese ("请确认收款账户"). */
  title: z.string(),
  /** Which benefit, and by when, in Chinese. */
  detail: z.string(),
  policyTitle: z.string(),
  /** The deadline, when there is one (容缺 materials). */
  dueAt: AtInstant.optional(),
  /** Where the form is: an application (its detail page) or a 免申即享 grant (the grants page). */
  applicationId: z.string().optional(),
  grantId: z.string().optional(),
});
export type Todo = z.infer<typeof Todo>;

export const TodoList = z.object({ items: z.array(Todo) });
export type TodoList = z.infer<typeof TodoList>;
