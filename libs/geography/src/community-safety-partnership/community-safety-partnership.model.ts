import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('CommunitySafetyPartnership', {
  description:
    'A community safety partnership (ONS CSP, December 2024): the statutory local partnership on crime and disorder. A few local authorities still belong to several.',
})
export class CommunitySafetyPartnership {
  @Field({ description: 'ONS code (CSP24CD).' })
  code!: string;

  @Field()
  name!: string;
}
