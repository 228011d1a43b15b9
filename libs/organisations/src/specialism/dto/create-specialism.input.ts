import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { Length, Matches } from 'class-validator';
import { SPECIALISM_CODE } from '../specialism.codes';
import { Specialism } from '../specialism.model';

@InputType()
export class CreateSpecialismInput {
  @Field({ description: 'SCREAMING_SNAKE_CASE code, e.g. NEURODIVERSITY.' })
  @Matches(SPECIALISM_CODE, { message: 'must be SCREAMING_SNAKE_CASE, e.g. NEURODIVERSITY' })
  code!: string;

  @Field()
  @Length(2, 100)
  label!: string;
}

@ObjectType()
export class CreateSpecialismPayload {
  @Field(() => Specialism)
  specialism!: Specialism;
}
