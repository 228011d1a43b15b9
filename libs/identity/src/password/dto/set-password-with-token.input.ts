import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { Person } from '../../person/person.model';

@InputType()
export class SetPasswordWithTokenInput {
  @Field({ description: 'The single-use password token (e.g. printed by `cli.js admin:create`).' })
  @IsString()
  @Length(20, 200)
  token!: string;

  @Field({ description: 'The new password, at least 12 characters.' })
  @IsString()
  @Length(12, 200, { message: 'must be 12 to 200 characters' })
  password!: string;
}

@ObjectType()
export class SetPasswordWithTokenPayload {
  @Field(() => Person, { description: 'Whose password was set; sign in with `signIn`.' })
  person!: Person;
}
