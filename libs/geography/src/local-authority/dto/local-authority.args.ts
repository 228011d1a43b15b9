import { ArgsType, Field } from '@nestjs/graphql';
import { Matches } from 'class-validator';
import { LOCAL_AUTHORITY_CODE, LOCAL_AUTHORITY_CODE_HINT } from '../../geography.codes';

@ArgsType()
export class LocalAuthorityArgs {
  @Field({ description: 'ONS code, e.g. E06000001.' })
  @Matches(LOCAL_AUTHORITY_CODE, { message: LOCAL_AUTHORITY_CODE_HINT })
  code!: string;
}
