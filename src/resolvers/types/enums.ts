import { registerEnumType } from 'type-graphql';
import { GRAINS } from '../../analytics/periods';
import { DATE_BASES, REVENUE_DIMENSIONS, SERIES_ORDERS } from '../../analytics/revenue.service';
import { STREAM_DIMENSIONS } from '../../analytics/streams.service';
import { DATE_RANGE_PRESETS } from '../../domain/date-range';
import { PLATFORM_KINDS } from '../../entities/platform.entity';
import { enumOf, upperCase } from './enum-of';

export const GrainEnum = enumOf(GRAINS);
export const DateBasisEnum = enumOf(DATE_BASES);
export const RevenueDimensionEnum = enumOf(REVENUE_DIMENSIONS);
export const StreamDimensionEnum = enumOf(STREAM_DIMENSIONS);
export const SeriesOrderEnum = enumOf(SERIES_ORDERS);
export const PlatformKindEnum = enumOf(PLATFORM_KINDS, upperCase);
export const DateRangePresetEnum = enumOf(DATE_RANGE_PRESETS);

registerEnumType(GrainEnum, {
  name: 'Grain',
  description:
    'Bucket size of a series. Period labels: DAY 2025-01-31, WEEK 2025-01-27 (the Monday of the ISO week), MONTH 2025-01, QUARTER 2025-Q1, YEAR 2025.',
});
registerEnumType(DateBasisEnum, {
  name: 'DateBasis',
  description:
    'Which date of a statement line places it in time: the month the sale happened (SALE_MONTH, the default) or the day it was reported (REPORTING_DATE).',
});
registerEnumType(RevenueDimensionEnum, { name: 'RevenueDimension', description: 'What a revenue series can be split by.' });
registerEnumType(StreamDimensionEnum, { name: 'StreamDimension', description: 'What a stream series can be split by.' });
registerEnumType(SeriesOrderEnum, {
  name: 'SeriesOrder',
  description: 'Order of series points: by period, or by value (net revenue or streams).',
});
registerEnumType(PlatformKindEnum, { name: 'PlatformKind' });
registerEnumType(DateRangePresetEnum, {
  name: 'DateRangePreset',
  description:
    "A range relative to today, where today is the current date in the label's time zone (LABEL_TIME_ZONE, default UTC). Ranges that end today include today, whose figures usually arrive a day or more later.",
  valuesConfig: {
    LAST_7_DAYS: { description: 'The 7 days ending today (today and the 6 days before it). Previous range: the 7 days before.' },
    LAST_30_DAYS: { description: 'The 30 days ending today. Previous range: the 30 days before.' },
    LAST_90_DAYS: { description: 'The 90 days ending today. Previous range: the 90 days before.' },
    LAST_12_MONTHS: {
      description:
        'The current month so far and the 11 whole calendar months before it: from the 1st of the month 11 months back to today (12 MONTH buckets). Previous range: the same span one year earlier.',
    },
    YEAR_TO_DATE: {
      description:
        'From 1 January of the current year to today. Previous range: 1 January to the same day of the year before (29 February compares with 28 February).',
    },
    PREVIOUS_MONTH: { description: 'The whole calendar month before the current one. Previous range: the month before it.' },
    PREVIOUS_QUARTER: {
      description:
        'The whole calendar quarter (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec) before the current one. Previous range: the quarter before it.',
    },
    PREVIOUS_YEAR: { description: 'The whole calendar year before the current one. Previous range: the year before it.' },
  },
});
