import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsLocalDate, Trim } from '@app/common';
import { POLICE_FORCE_AREA_CODE, POLICE_FORCE_AREA_CODE_HINT } from '@app/geography';
import { ElectionKind } from '../../influencing.enums';

@InputType({ description: 'Schedules a future election round in the areas it contests.' })
export class ScheduleElectionRoundInput {
  @Field({ description: 'YYYY-MM-DD, after today.' })
  @IsLocalDate()
  pollingDay!: string;

  @Field(() => ElectionKind)
  @IsEnum(ElectionKind)
  kind!: ElectionKind;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  byElection?: boolean;

  @Field(() => [String], { description: 'ONS codes of the areas contested.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(43)
  @ArrayUnique({ message: 'must not name an area twice' })
  @Matches(POLICE_FORCE_AREA_CODE, { each: true, message: POLICE_FORCE_AREA_CODE_HINT })
  policeForceAreaCodes!: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;
}

@InputType({ description: "Adds a candidate to an area's contest in a round." })
export class AddElectionCandidateInput {
  @Field(() => ID)
  @IsUUID()
  roundId!: string;

  @Field({ description: 'ONS code of the contested area.' })
  @Matches(POLICE_FORCE_AREA_CODE, { message: POLICE_FORCE_AREA_CODE_HINT })
  policeForceAreaCode!: string;

  @Field({ description: 'As on the ballot paper.' })
  @Trim()
  @MinLength(2)
  @MaxLength(200)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Null (or left out) for an independent.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1, { message: 'party must not be empty: leave it out for an independent' })
  @MaxLength(100)
  party?: string | null;

  @Field(() => String, { nullable: true, description: "The candidate's published statement (http or https)." })
  @IsOptional()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  statementUrl?: string | null;
}

@InputType({ description: 'Links an event (kind PCC_HUSTINGS) as hustings for a round; its organisers do.' })
export class LinkHustingsInput {
  @Field(() => ID)
  @IsUUID()
  roundId!: string;

  @Field(() => ID)
  @IsUUID()
  eventId!: string;
}
