import { registerEnumType } from 'type-graphql';
import { GRAINS } from '../../analytics/periods';
import { DATE_BASES, REVENUE_DIMENSIONS, SERIES_ORDERS } from '../../analytics/revenue.service';
import { STREAM_DIMENSIONS } from '../../analytics/streams.service';
import { PLATFORM_KINDS } from '../../entities/platform.entity';
import { enumOf, upperCase } from './enum-of';

export const GrainEnum = enumOf(GRAINS);
export const DateBasisEnum = enumOf(DATE_BASES);
export const RevenueDimensionEnum = enumOf(REVENUE_DIMENSIONS);
export const StreamDimensionEnum = enumOf(STREAM_DIMENSIONS);
export const SeriesOrderEnum = enumOf(SERIES_ORDERS);
export const PlatformKindEnum = enumOf(PLATFORM_KINDS, upperCase);

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
