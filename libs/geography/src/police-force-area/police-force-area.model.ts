import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Country, Region } from '../geography.enums';

@ObjectType('PoliceForceArea', {
  description:
    'One of the 43 territorial police force areas of England and Wales; the area a police and crime commissioner (or its successor) answers for.',
})
export class PoliceForceArea {
  @Field(() => ID, { description: 'Opaque, stable identifier.' })
  id!: string;

  @Field({ description: 'ONS code (PFA24CD), e.g. E23000001.' })
  code!: string;

  @Field({ description: 'ONS name, spelt as ONS publishes it (e.g. "London, City of").' })
  name!: string;

  @Field({ description: 'Name for display (e.g. "City of London", "Hampshire and Isle of Wight").' })
  displayName!: string;

  @Field({ description: 'Name of the police force, e.g. "Gwent Police".' })
  forceName!: string;

  @Field({ description: 'Identifier of the force in the data.police.uk API.' })
  policeUkForceId!: string;

  @Field(() => Country)
  country!: Country;

  @Field(() => Region, { description: 'The English region the area lies in, or WALES.' })
  region!: Region;

  @Field(() => Int, { description: 'Usual residents at Census 2021: the sum over its local authorities.' })
  population!: number;
}
