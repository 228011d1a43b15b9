export * from './action';
export * from './operation-rule';
