export * from './auth/actor';
export * from './auth/auth.service';
export * from './identity.entities';
export * from './identity.module';
export * from './identity.options';
export * from './person/person.enums';
export * from './person/person.model';
export { PersonEntity } from './person/person.entity';
export * from './seed/demo-people.seeder';
