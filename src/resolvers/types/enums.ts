import { registerEnumType } from 'type-graphql';
import { type Grain, GRAINS } from '../../analytics/periods';
import {
  DATE_BASES,
  type DateBasis,
  REVENUE_DIMENSIONS,
  type RevenueDimension,
  SERIES_ORDERS,
  type SeriesOrder,
} from '../../analytics/revenue.service';
import { STREAM_DIMENSIONS, type StreamDimension } from '../../analytics/streams.service';
import { DATE_RANGE_PRESETS } from '../../domain/date-range';
import { PLATFORM_KINDS, type PlatformKind } from '../../entities/platform.entity';
import { describedValues, enumOf, upperCase } from './enum-of';

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
  valuesConfig: describedValues<Grain>({
    DAY: 'One calendar day as the source reports it (no time zone conversion); label YYYY-MM-DD.',
    WEEK: 'An ISO week, Monday to Sunday; labelled by its Monday (YYYY-MM-DD).',
    MONTH: 'A calendar month; label YYYY-MM.',
    QUARTER: 'A calendar quarter (Q1 = January to March); label YYYY-Qn.',
    YEAR: 'A calendar year; label YYYY.',
  }),
});
registerEnumType(DateBasisEnum, {
  name: 'DateBasis',
  description:
    'Which date of a statement line places it in time: the month the sale happened (SALE_MONTH, the default) or the day it was reported (REPORTING_DATE).',
  valuesConfig: describedValues<DateBasis>({
    SALE_MONTH:
      "The month the sale happened (YYYY-MM on the statement), dated its first day: a range selects every sale month it touches, and at DAY or WEEK grain a month's lines fall on its first day.",
    REPORTING_DATE: 'The calendar day the distributor reported the line (as the statement gives it, no time zone).',
  }),
});
registerEnumType(RevenueDimensionEnum, {
  name: 'RevenueDimension',
  description: 'What a revenue series can be split by; the matching RevenuePoint field is set on each point.',
  valuesConfig: describedValues<RevenueDimension>({
    PLATFORM: 'Per platform (stores folded onto platforms, e.g. every YouTube store into youtube): RevenuePoint.platform.',
    STORE: 'Per store name as the distributor writes it (e.g. "YouTube (Red)"): RevenuePoint.store.',
    COUNTRY: 'Per ISO-3166 alpha-2 country: RevenuePoint.country (null when the statement does not say).',
    ARTIST: 'Per billed primary artist of the line: RevenuePoint.artist.',
    TRACK: 'Per track: RevenuePoint.track (null for lines not tied to a track).',
    SOURCE: 'Per data source (distrokid, toolost): RevenuePoint.source.',
  }),
});
registerEnumType(StreamDimensionEnum, {
  name: 'StreamDimension',
  description: 'What a stream series can be split by; the matching StreamPoint field is set on each point.',
  valuesConfig: describedValues<StreamDimension>({
    PLATFORM: 'Per platform: StreamPoint.platform.',
    COUNTRY: 'Per ISO-3166 alpha-2 country: StreamPoint.country (null when the source does not say).',
    ARTIST: 'Per artist: StreamPoint.artist.',
    TRACK: 'Per track: StreamPoint.track (null for artist-level facts).',
    SOURCE: 'Per data source (distrokid, toolost): StreamPoint.source.',
  }),
});
registerEnumType(SeriesOrderEnum, {
  name: 'SeriesOrder',
  description: 'Order of series points: by period, or by value (net revenue or streams).',
  valuesConfig: describedValues<SeriesOrder>({
    PERIOD_ASC: 'Oldest period first (the default).',
    PERIOD_DESC: 'Newest period first.',
    VALUE_DESC: 'Largest value first: net revenue for revenue series, streams for stream series.',
    VALUE_ASC: 'Smallest value first: net revenue for revenue series, streams for stream series.',
  }),
});
registerEnumType(PlatformKindEnum, {
  name: 'PlatformKind',
  description: 'What a platform is used for.',
  valuesConfig: describedValues<PlatformKind>(
    {
      streaming:
        'A streaming service (Spotify, Apple Music, YouTube…). A store the reference data does not know becomes a streaming platform of its own.',
      social: 'A social or link-in-bio platform (TikTok, Instagram, Facebook, Shazam, Linktree).',
      advertising: 'An advertising platform (Meta Ads).',
      distribution: 'A distributor whose statements and statistics are loaded (DistroKid, TooLost).',
      download: 'A download store (iTunes).',
      other: 'Anything else; not assigned by the loaders today.',
    },
    upperCase,
  ),
});
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
