/**
 * Every vocabulary of the domain, defined once with its Chinese labels (issue #15): a zod
 * enum, its values as a const tuple, and a `Record<Value, string>` label table.
 */
export * from './department';
export * from './policy';
export * from './role';
export * from './status';
