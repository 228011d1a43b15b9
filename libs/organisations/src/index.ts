export * from './organisation/organisation.enums';
export * from './organisation/organisation.model';
export * from './organisation/organisation.service';
export * from './organisation/organisation.loader';
export * from './specialism/specialism.model';
export * from './organisations.entities';
export * from './organisations.module';
export * from './seed/demo-organisations.seeder';
export { OrganisationEntity } from './organisation/organisation.entity';
