export * from './error-code';
export * from './refusal-reason';
export * from './domain-error';
export * from './validation-errors';
export * from './error-chain';
export * from './http-error';
