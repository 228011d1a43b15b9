import { Module } from '@nestjs/common';
import { NetworksModule } from '@app/networks';
import { NetworkMembersCsvController } from './network-members.controller';

/** Downloads whose authorization needs the operation policy (identity) as well as a context's rules. */
@Module({ imports: [NetworksModule], controllers: [NetworkMembersCsvController] })
export class ExportsModule {}
