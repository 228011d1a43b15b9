import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsOptional,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { LOCAL_AUTHORITY_CODE, LOCAL_AUTHORITY_CODE_HINT } from '@app/geography';
import { OptionalNotNull } from '@app/common';
import { SPECIALISM_CODE } from '../../specialism/specialism.codes';
import { OrganisationKind } from '../organisation.enums';
import { Organisation } from '../organisation.model';

const CHARITY_NUMBER = /^[0-9]{6,8}(-[0-9]{1,2})?$/;
const COMPANY_NUMBER = /^([0-9]{8}|[A-Z]{2}[0-9]{6})$/;

/** Fields an organisation's profile shares between create and update. */
@InputType({ isAbstract: true })
class OrganisationProfileInput {
  @Field(() => String, { nullable: true, description: 'Registered charity number in England and Wales, e.g. 1012345.' })
  @IsOptional()
  @Matches(CHARITY_NUMBER, { message: 'must be a charity number of 6 to 8 digits, e.g. 1012345 or 1012345-1' })
  charityNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Companies House number, e.g. 01234567 or SC123456.' })
  @IsOptional()
  @Matches(COMPANY_NUMBER, { message: 'must be a Companies House number such as 01234567 or SC123456' })
  companyNumber?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'must be a web address starting https://' },
  )
  @MaxLength(500)
  website?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  contactEmail?: string | null;

  @Field(() => [String], { nullable: true, description: 'Specialism codes; replaces the current set.' })
  @OptionalNotNull()
  @ArrayMaxSize(30)
  @Matches(SPECIALISM_CODE, { each: true, message: 'must hold specialism codes such as WOMEN' })
  specialisms?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'ONS codes of the local authorities served; replaces the current set. A CVS serves at least one.',
  })
  @OptionalNotNull()
  @ArrayMaxSize(400)
  @Matches(LOCAL_AUTHORITY_CODE, { each: true, message: LOCAL_AUTHORITY_CODE_HINT })
  localAuthorityCodes?: string[];
}

@InputType()
export class CreateOrganisationInput extends OrganisationProfileInput {
  @Field()
  @Length(2, 200)
  name!: string;

  @Field(() => OrganisationKind)
  @IsEnum(OrganisationKind)
  kind!: OrganisationKind;
}

@InputType()
export class UpdateOrganisationInput extends OrganisationProfileInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an organisation id' })
  id!: string;

  @Field({ nullable: true })
  @OptionalNotNull()
  @Length(2, 200)
  name?: string;
}

@InputType()
export class ArchiveOrganisationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an organisation id' })
  id!: string;
}

@InputType({ description: "A platform admin's verification of a CVS, with the evidence checked." })
export class VerifyOrganisationInput {
  @Field(() => ID, { description: 'The CVS to verify.' })
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId!: string;

  @Field({
    description:
      "The organisation's registered charity number was checked against the Charity Commission's register (it must have one).",
  })
  @IsBoolean()
  charityNumberChecked!: boolean;

  @Field({ description: 'The organisation is a member of the national body for CVSs (NAVCA, or WCVA in Wales).' })
  @IsBoolean()
  nationalBodyMember!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'What else was checked, or where the evidence is (only platform admins see it).',
  })
  @IsOptional()
  @Length(1, 2000)
  note?: string | null;
}

@InputType({
  description: "Withdraws a CVS's verification: it can no longer convene, and its networks await verification.",
})
export class WithdrawOrganisationVerificationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an organisation id' })
  organisationId!: string;
}

@ObjectType()
export class OrganisationPayload {
  @Field(() => Organisation, { description: 'The organisation as it is now.' })
  organisation!: Organisation;
}
