import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
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
  async createSpecialism(@Args('input') input: CreateSpecialismInput): Promise<CreateSpecialismPayload> {
    return { specialism: await this.service.create(input.code, input.label) };
  }
}
