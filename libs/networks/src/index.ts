export * from './network.enums';
export * from './network.entities';
export * from './network.model';
export * from './network.service';
export * from './network.loader';
export * from './networks.module';
export * from './dto/network-mutations.input';
export * from './seed/demo-networks.seeder';
