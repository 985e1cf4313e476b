export * from './dates';
export * from './sources';
export * from './fact';
export * from './paths';
export * from './labels';
export * from './frozen';
