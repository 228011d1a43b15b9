export * from './coverage.enums';
export * from './coverage.entities';
export * from './coverage.model';
export * from './coverage.module';
export * from './coverage.service';
export * from './coverage.operation-policy';
