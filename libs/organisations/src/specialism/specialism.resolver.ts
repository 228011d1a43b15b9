import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ActingPersonId } from '@app/common';
import { CreateSpecialismInput, CreateSpecialismPayload } from './dto/create-specialism.input';
import { Specialism } from './specialism.model';
import { SpecialismService } from './specialism.service';

@Resolver(() => Specialism)
export class SpecialismResolver {
  constructor(private readonly service: SpecialismService) {}

  @Query(() => [Specialism], { description: 'The controlled vocabulary of criminal-justice specialisms, by label.' })
  specialisms(): Promise<Specialism[]> {
    return this.service.list();
  }

  @Mutation(() => CreateSpecialismPayload, { description: 'Adds a specialism to the vocabulary (platform admins).' })
  async createSpecialism(
    @Args('input') input: CreateSpecialismInput,
    @ActingPersonId() actorPersonId: string | null,
  ): Promise<CreateSpecialismPayload> {
    return { specialism: await this.service.create(actorPersonId, input.code, input.label) };
  }
}
