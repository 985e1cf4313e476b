/** Every request and response body of the HTTP API (STYLE §4); the client imports from here. */
export * from './common';
export * from './auth';
export * from './policy';
export * from './upload';
export * from './application';
export * from './review';
export * from './notice';
