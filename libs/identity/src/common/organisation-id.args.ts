import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

/** Arguments of a list that belongs to one organisation (its API tokens, its invitations). */
@ArgsType()
export class OrganisationIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId!: string;
}
