import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('LocalAuthority', {
  description: 'A local authority district (ONS LAD, December 2024); each lies in exactly one police force area.',
})
export class LocalAuthority {
  @Field(() => ID, { description: 'Opaque, stable identifier.' })
  id!: string;

  @Field({ description: 'ONS code (LAD24CD), e.g. E06000001.' })
  code!: string;

  @Field()
  name!: string;

  @Field(() => Int, { description: 'Usual residents at Census 2021 (rounded by ONS to the nearest 100).' })
  population!: number;
}
