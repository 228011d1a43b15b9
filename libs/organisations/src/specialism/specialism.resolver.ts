import { Query, Resolver } from '@nestjs/graphql';
import { Specialism } from './specialism.model';
import { SpecialismService } from './specialism.service';

@Resolver(() => Specialism)
export class SpecialismResolver {
  constructor(private readonly service: SpecialismService) {}

  @Query(() => [Specialism], { description: 'The controlled vocabulary of criminal-justice specialisms, by label.' })
  specialisms(): Promise<Specialism[]> {
    return this.service.list();
  }
}
