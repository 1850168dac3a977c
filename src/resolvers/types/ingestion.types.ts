import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type Service, SERVICES } from '../../config/config';
import { RUN_KINDS, RUN_STATUSES, RUN_TRIGGERS, type RunKind, type RunStatus, type RunTrigger } from '../../entities/ingestion-run.entity';
import type { SessionState } from '../../ingest/extract/session-store';
import { HEALTH_STATUSES, type HealthStatus } from '../../jobs/health/pipeline-health';
import { enumOf, upperCase } from './enum-of';
import { EXPECTED_FANOUT, fanOutCost } from '../complexity';
import { Role } from '../role';
import { LongScalar, DateTimeScalar } from './scalars';
import { Connection } from './connection';
import { DateRangeInput } from './inputs';

/** The sources the admin can extract. Values map one-to-one to the lake's service folders. */
export const ServiceEnum = enumOf(SERVICES, upperCase);
registerEnumType(ServiceEnum, {
  name: 'Service',
  description: 'A data source. No other value is accepted, so no free text ever reaches a path.',
});

export const RunStatusEnum = enumOf(RUN_STATUSES, upperCase);
registerEnumType(RunStatusEnum, { name: 'RunStatus' });

export const RunTriggerEnum = enumOf(RUN_TRIGGERS, upperCase);
registerEnumType(RunTriggerEnum, { name: 'RunTrigger' });

export const RunKindEnum = enumOf(RUN_KINDS, upperCase);
registerEnumType(RunKindEnum, {
  name: 'RunKind',
  description: 'EXTRACT fetches from the source then loads; PIPELINE re-runs cleaners and loading over landing.',
});

export const HealthStatusEnum = enumOf(HEALTH_STATUSES);
registerEnumType(HealthStatusEnum, { name: 'HealthStatus' });

/** The session store's states (its module has no list of them to build from; `satisfies` keeps these among them). */
const SESSION_STATES = ['valid', 'expiring', 'expired', 'missing'] as const satisfies readonly SessionState[];
export const SessionStateEnum = enumOf(SESSION_STATES, upperCase);
registerEnumType(SessionStateEnum, { name: 'SessionState' });

@ObjectType({ simpleResolvers: true })
export class RunCountsType {
  @Field(() => Int, { description: 'Files put in landing by this run (extractions only).' })
  filesLanded!: number;
  @Field(() => Int)
  filesLoaded!: number;
  @Field(() => Int, { description: 'Files whose content was already loaded.' })
  filesSkipped!: number;
  @Field(() => Int)
  filesQuarantined!: number;
  @Field(() => Int)
  filesFailed!: number;
  @Field(() => LongScalar)
  rowsLoaded!: number;
  @Field(() => LongScalar)
  rowsSkipped!: number;
  @Field(() => LongScalar, { description: 'Bytes landed.' })
  bytes!: number;
}

@ObjectType({ simpleResolvers: true })
export class RunLogLine {
  @Field(() => DateTimeScalar)
  at!: Date;
  @Field()
  level!: string;
  @Field()
  message!: string;
}

@ObjectType('IngestionRun', { description: 'One ingestion run in the ledger.' })
export class IngestionRunType {
  @Field(() => ID)
  id!: string;
  @Field(() => ServiceEnum)
  service!: Service;
  @Field(() => RunKindEnum)
  kind!: RunKind;
  @Field(() => RunTriggerEnum)
  trigger!: RunTrigger;
  @Field(() => RunStatusEnum)
  status!: RunStatus;
  @Field(() => Int, { description: 'Attempt number, 1 on the first try.' })
  attempt!: number;
  @Field(() => DateRangeOutput, { nullable: true })
  window!: DateRangeOutput | null;
  @Field(() => DateTimeScalar)
  queuedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true })
  startedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: Date | null;
  @Field(() => Int, { nullable: true })
  durationMs!: number | null;
  @Field(() => Int, { description: '0–100.' })
  progress!: number;
  @Field(() => String, { nullable: true, description: 'What the run is doing now.' })
  step!: string | null;
  @Field(() => RunCountsType)
  counts!: RunCountsType;
  @Field(() => String, { nullable: true, description: 'EXTRACTOR_NOT_AVAILABLE, SESSION_EXPIRED, RATE_LIMITED, …' })
  errorCode!: string | null;
  @Role('ADMIN')
  @Field(() => String, {
    nullable: true,
    description: 'Secrets are redacted before it is stored. ADMIN only: it may name hosts, accounts and paths.',
  })
  errorMessage!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the next attempt is due, after a transient failure.' })
  nextAttemptAt!: Date | null;
  @Role('ADMIN')
  @Field(() => [String], { description: 'Failure artefacts kept with the run (screenshot, Playwright trace): server paths, ADMIN only.' })
  artefacts!: string[];
  @Role('ADMIN')
  @Field({ description: 'The token name (or "scheduler") that asked for the run. ADMIN only.' })
  triggeredBy!: string;
  @Field(() => ID, { nullable: true })
  retryOf!: string | null;
}

@ObjectType('DateRangeOutput', { simpleResolvers: true, description: 'Days, both ends inclusive.' })
export class DateRangeOutput {
  @Field({ description: 'First day, inclusive (YYYY-MM-DD); a preset is stored as the days it resolved to.' })
  from!: string;
  @Field({ description: 'Last day, inclusive (YYYY-MM-DD).' })
  to!: string;
}

export const IngestionRunConnection = Connection(IngestionRunType, 'IngestionRun');

@InputType()
export class IngestionRunFilter {
  @Field(() => ServiceEnum, { nullable: true })
  service?: Service;
  @Field(() => RunStatusEnum, { nullable: true })
  status?: RunStatus;
  @Field(() => RunTriggerEnum, { nullable: true })
  trigger?: RunTrigger;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Queued at or after.' })
  from?: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Queued before.' })
  to?: Date;
}

@ObjectType('Schedule', { simpleResolvers: true })
export class ScheduleType {
  @Field(() => ServiceEnum)
  service!: Service;
  @Field({ description: 'Cron expression or human interval.' })
  every!: string;
  @Field()
  timezone!: string;
  @Field()
  enabled!: boolean;
  @Field()
  updatedBy!: string;
  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

@ObjectType('ZoneFreshness', { simpleResolvers: true })
export class ZoneFreshnessType {
  @Field({ description: 'landing, raw, staging or quarantine.' })
  zone!: string;
  @Field(() => Int)
  files!: number;
  @Field(() => String, { nullable: true })
  newestFile!: string | null;
  @Field(() => DateTimeScalar, { nullable: true })
  newestAt!: Date | null;
  @Field(() => Number, { nullable: true })
  ageHours!: number | null;
}

@ObjectType('SessionHealth', { simpleResolvers: true })
export class SessionHealthType {
  @Field()
  account!: string;
  @Field(() => SessionStateEnum)
  state!: SessionState;
  @Field(() => DateTimeScalar, { nullable: true, description: 'From the session JWT `exp`, or the earliest cookie expiry.' })
  expiresAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true })
  savedAt!: Date | null;
}

@ObjectType('ServiceHealth')
export class ServiceHealthType {
  @Field(() => ServiceEnum)
  service!: Service;
  @Field(() => HealthStatusEnum)
  status!: HealthStatus;
  @Field(() => [String], { description: 'Why the status is what it is, most serious first.' })
  reasons!: string[];
  @Field(() => [ZoneFreshnessType], { complexity: fanOutCost(EXPECTED_FANOUT.zonesOfService), description: 'Freshness of each lake zone.' })
  zones!: ZoneFreshnessType[];
  @Field(() => IngestionRunType, { nullable: true })
  lastSuccess!: IngestionRunType | null;
  @Field(() => IngestionRunType, { nullable: true })
  lastFailure!: IngestionRunType | null;
  @Field(() => IngestionRunType, { nullable: true })
  activeRun!: IngestionRunType | null;
  @Field(() => Int)
  consecutiveFailures!: number;
  @Field(() => [SessionHealthType], {
    complexity: fanOutCost(EXPECTED_FANOUT.sessionsOfService),
    description: 'Saved portal sessions of the service, one per account.',
  })
  sessions!: SessionHealthType[];
  @Field(() => Int)
  quarantinedFiles!: number;
  @Field(() => [String], {
    description:
      'Platform ids of this service (Spotify artist ids, TikTok handles, Meta page ids) whose files loaded under a placeholder artist because nobody linked them; linkArtistExternalId moves those facts to the real artist.',
  })
  unlinkedArtistIds!: string[];
  @Field(() => Number)
  staleAfterHours!: number;
}

export { DateRangeInput };
