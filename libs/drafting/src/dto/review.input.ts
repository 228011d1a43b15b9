import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Trim } from '@app/common';

@InputType({ description: 'Character offsets into the section body as it is now.' })
export class TextRangeInput {
  @Field(() => Int)
  @IsInt()
  @Min(0)
  start!: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  end!: number;
}

@InputType()
export class AddCommentInput {
  @Field(() => ID)
  @IsUUID()
  sectionId!: string;

  @Field({ description: 'Markdown.' })
  @Trim()
  @MinLength(1, { message: 'body must not be empty' })
  @MaxLength(10_000)
  body!: string;

  @Field(() => TextRangeInput, {
    nullable: true,
    description: 'The words it is about; the whole section when left out.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => TextRangeInput)
  anchor?: TextRangeInput | null;

  @Field(() => ID, { nullable: true, description: 'The comment this answers.' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;
}

@InputType()
export class ResolveCommentInput {
  @Field(() => ID)
  @IsUUID()
  commentId!: string;
}

@InputType({ description: 'A tracked change: a replacement for [start, end) of the body at `baseRevision`.' })
export class SuggestChangeInput {
  @Field(() => ID)
  @IsUUID()
  sectionId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  baseRevision!: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  start!: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  end!: number;

  @Field({ description: 'The new words (empty to delete the range).' })
  @IsString()
  replacement!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;
}

@InputType({ description: "Accepts or rejects a tracked change (the section's lead organisation, or a convenor)." })
export class DecideSuggestionInput {
  @Field(() => ID)
  @IsUUID()
  suggestionId!: string;

  @Field()
  @IsBoolean()
  accept!: boolean;
}
