/** /v1/me/todos: the tasks waiting on the signed-in person, by its route contract. */
import * as routes from '@shared/contracts/apply';
import { call } from './client';

export type { Todo, TodoKind, TodoList } from '@shared/schemas/todo';

/** GET /v1/me/todos */
export const listTodos = () => call(routes.listTodos, {});
