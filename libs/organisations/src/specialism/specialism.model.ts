import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('Specialism', { description: 'A criminal-justice specialism from the controlled vocabulary.' })
export class Specialism {
  @Field({ description: 'Stable code, e.g. WOMEN or DRUGS_AND_ALCOHOL.' })
  code!: string;

  @Field({ description: 'Label for display.' })
  label!: string;
}
