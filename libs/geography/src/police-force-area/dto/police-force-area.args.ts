import { ArgsType, Field } from '@nestjs/graphql';
import { Matches } from 'class-validator';
import { POLICE_FORCE_AREA_CODE, POLICE_FORCE_AREA_CODE_HINT } from '../../geography.codes';

@ArgsType()
export class PoliceForceAreaArgs {
  @Field({ description: 'ONS code, e.g. E23000001.' })
  @Matches(POLICE_FORCE_AREA_CODE, { message: POLICE_FORCE_AREA_CODE_HINT })
  code!: string;
}
