/**
 * `@hookstream/signatures`: signing (`./sign`) and the receiver SDK (`./verify`) in one import.
 * Both entry points re-export the shared scheme table and secret types; ESM merges them.
 */
export * from './sign.js';
export * from './verify.js';
