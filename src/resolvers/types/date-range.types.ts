import { Field, ObjectType } from 'type-graphql';
import type { DateRangePreset } from '../../domain/date-range';
import { DateRangePresetEnum } from './enums';
import { DateScalar } from './scalars';

@ObjectType('ResolvedDayRange', { simpleResolvers: true, description: 'Concrete days, both ends inclusive.' })
export class ResolvedDayRange {
  @Field(() => DateScalar, { description: 'First day, inclusive.' })
  from!: string;

  @Field(() => DateScalar, { description: 'Last day, inclusive.' })
  to!: string;
}

@ObjectType('ResolvedDateRange', {
  simpleResolvers: true,
  description:
    'A DateRange as the server reads it: the concrete days every query given the same DateRange today uses, and the range it is compared with.',
})
export class ResolvedDateRange {
  @Field(() => DateScalar, { description: 'First day, inclusive.' })
  from!: string;

  @Field(() => DateScalar, { description: 'Last day, inclusive.' })
  to!: string;

  @Field(() => DateRangePresetEnum, { nullable: true, description: 'The preset the days come from; null for explicit days.' })
  preset!: DateRangePreset | null;

  @Field(() => ResolvedDayRange, {
    description: 'The range "versus the previous range" compares with (what `previous: true` on the same DateRange gives).',
  })
  previous!: ResolvedDayRange;

  @Field(() => DateScalar, { description: "Today in the label's time zone: the day presets were resolved on." })
  today!: string;

  @Field(() => String, { description: 'The label\'s IANA time zone (LABEL_TIME_ZONE), e.g. "Europe/Berlin".' })
  timeZone!: string;
}
