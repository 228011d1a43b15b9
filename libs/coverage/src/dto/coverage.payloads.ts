import { Field, ObjectType } from '@nestjs/graphql';
import { Specialism } from '@app/organisations';

@ObjectType()
export class CoveragePrioritiesPayload {
  @Field(() => [Specialism])
  priorities!: Specialism[];
}
