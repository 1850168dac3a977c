import { useQuery } from 'urql';
import { graphql } from './gql';
import type { DateRange } from './gql/graphql';

const ResolvedRangeQuery = graphql(`
  query DashboardRange($range: DateRange!) {
    resolvedDateRange(range: $range) { from to preset today timeZone previous { from to } }
  }
`);

/** The days the API reads a range as (a preset resolved on the label's today): what the controls and captions show. */
export function useResolvedRange(range: DateRange) {
  const [{ data }] = useQuery({ query: ResolvedRangeQuery, variables: { range } });
  return data?.resolvedDateRange ?? null;
}
