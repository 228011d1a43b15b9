import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ActivityScope, ActivityScopeKind } from './activity.args';

@ArgsType()
export class ActivitySubscriptionArgs {
  @Field(() => ActivityScope, { defaultValue: { kind: ActivityScopeKind.NATIONAL } })
  @ValidateNested()
  @Type(() => ActivityScope)
  scope!: ActivityScope;

  @Field({
    nullable: true,
    description: 'Resume after this cursor (the `cursor` of the last item received); omit to start from now.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}
