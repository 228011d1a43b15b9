import { ArgsType, Field, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '@app/common';

export enum ActivityScopeKind {
  NATIONAL = 'NATIONAL',
  POLICE_FORCE_AREA = 'POLICE_FORCE_AREA',
  ORGANISATION = 'ORGANISATION',
  NETWORK = 'NETWORK',
  EVENT = 'EVENT',
}
registerEnumType(ActivityScopeKind, { name: 'ActivityScopeKind', description: 'Which feed to read.' });

@InputType({
  description:
    'A feed: national, one police force area (ONS code), one organisation, one local network or one event (id).',
})
export class ActivityScope {
  @Field(() => ActivityScopeKind)
  @IsEnum(ActivityScopeKind)
  kind!: ActivityScopeKind;

  @Field(() => String, {
    nullable: true,
    description: 'PFA code, or organisation, network or event id; empty for NATIONAL.',
  })
  @IsOptional()
  @MaxLength(64)
  target?: string | null;
}

@ArgsType()
export class ActivityArgs extends ConnectionArgs {
  @Field(() => ActivityScope, { defaultValue: { kind: ActivityScopeKind.NATIONAL } })
  @ValidateNested()
  @Type(() => ActivityScope)
  scope!: ActivityScope;
}
