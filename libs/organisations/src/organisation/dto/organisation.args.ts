import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@ArgsType()
export class OrganisationArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an organisation id' })
  id!: string;
}
