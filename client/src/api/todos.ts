/** /v1/me/todos: the tasks waiting on the signed-in person, typed by shared/schemas/todo. */
import { TodoList } from '@shared/schemas/todo';
import { call } from './client';

export type { Todo, TodoKind, TodoList } from '@shared/schemas/todo';

/** GET /v1/me/todos */
export const listTodos = () => call('GET', '/v1/me/todos', TodoList);
