export * from './cursor';
export * from './connection';
export * from './connection.args';
