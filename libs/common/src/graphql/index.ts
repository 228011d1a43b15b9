export * from './request-loaders';
export * from './request-context';
export * from './scalars';
export * from './loader-results';
export * from './trim.decorator';
export * from './optional-not-null.decorator';
export * from './is-decimal.decorator';
export * from './selection';
