import { registerEnumType } from 'type-graphql';

export enum Grain {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
export enum DateBasis {
  SALE_MONTH = 'SALE_MONTH',
  REPORTING_DATE = 'REPORTING_DATE',
}
export enum RevenueDimension {
  PLATFORM = 'PLATFORM',
  STORE = 'STORE',
  COUNTRY = 'COUNTRY',
  ARTIST = 'ARTIST',
  TRACK = 'TRACK',
  SOURCE = 'SOURCE',
}
export enum StreamDimension {
  PLATFORM = 'PLATFORM',
  COUNTRY = 'COUNTRY',
  ARTIST = 'ARTIST',
  TRACK = 'TRACK',
  SOURCE = 'SOURCE',
}
export enum SeriesOrder {
  PERIOD_ASC = 'PERIOD_ASC',
  PERIOD_DESC = 'PERIOD_DESC',
  VALUE_DESC = 'VALUE_DESC',
  VALUE_ASC = 'VALUE_ASC',
}
export enum PlatformKind {
  STREAMING = 'streaming',
  SOCIAL = 'social',
  ADVERTISING = 'advertising',
  DISTRIBUTION = 'distribution',
  DOWNLOAD = 'download',
  OTHER = 'other',
}

registerEnumType(Grain, {
  name: 'Grain',
  description: 'Bucket size of a series. Period labels: DAY 2025-01-31, WEEK 2025-01-27 (the Monday of the ISO week), MONTH 2025-01, QUARTER 2025-Q1, YEAR 2025.',
});
registerEnumType(DateBasis, {
  name: 'DateBasis',
  description: 'Which date of a statement line places it in time: the month the sale happened (SALE_MONTH, the default) or the day it was reported (REPORTING_DATE).',
});
registerEnumType(RevenueDimension, { name: 'RevenueDimension', description: 'What a revenue series can be split by.' });
registerEnumType(StreamDimension, { name: 'StreamDimension', description: 'What a stream series can be split by.' });
registerEnumType(SeriesOrder, { name: 'SeriesOrder', description: 'Order of series points: by period, or by value (net revenue or streams).' });
registerEnumType(PlatformKind, { name: 'PlatformKind' });
