export * from './drafting.enums';
export * from './drafting.entities';
export * from './drafting.model';
export * from './drafting.module';
export * from './drafting-policy-facts';
export * from './position.service';
export * from './drafting-flows.service';
export * from './drafting.operation-policy';
export { draftOf } from './draft-lock';
