import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type Service, SERVICES } from '../../config/config';
import { RUN_KINDS, RUN_STATUSES, RUN_TRIGGERS, type RunKind, type RunStatus, type RunTrigger } from '../../entities/ingestion-run.entity';
import type { SessionState } from '../../ingest/extract/session-store';
import { HEALTH_STATUSES, type HealthStatus } from '../../jobs/health/pipeline-health';
import { describedValues, enumOf, upperCase } from './enum-of';
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
  valuesConfig: describedValues<Service>(
    {
      toolost: 'TooLost: monthly sales reports (statement lines in USD) and Spotify and Apple Music analytics (daily streams).',
      distrokid:
        'DistroKid: bank details export (statement lines in USD) and the Spotify and Apple Music statistics pages (daily streams).',
      spotify: 'Spotify for Artists: audience timeline and song lists (artist dashboard figures, never added to distributor streams).',
      tiktok: 'TikTok Studio: account overview (views, likes, comments, shares) and followers, per account handle.',
      meta_ads: 'Meta Ads: campaigns, daily delivery and cumulative lifetime snapshots (dump folders); spend in the ad account currency.',
      linktree: 'Linktree: link-in-bio views and clicks per account and day.',
    },
    upperCase,
  ),
});

export const RunStatusEnum = enumOf(RUN_STATUSES, upperCase);
registerEnumType(RunStatusEnum, {
  name: 'RunStatus',
  description: 'Where a run is in its life. QUEUED and RUNNING are active (at most one active run per service); the others are final.',
  valuesConfig: describedValues<RunStatus>(
    {
      queued: 'Waiting for a worker, or for its next attempt after a transient failure (nextAttemptAt).',
      running: 'A worker is extracting or loading.',
      succeeded:
        'Finished with every file loaded, skipped as already loaded, or quarantined (quarantined files are counted, not a failure).',
      failed:
        'Stopped on an error (errorCode), including a file that could not be loaded: not transient, or no attempts left. retryRun queues a new run.',
      cancelled: 'Cancelled by an admin (cancelRun).',
      skipped: 'A scheduled trigger that found a run of the service already active: recorded with the reason, nothing done.',
    },
    upperCase,
  ),
});

export const RunTriggerEnum = enumOf(RUN_TRIGGERS, upperCase);
registerEnumType(RunTriggerEnum, {
  name: 'RunTrigger',
  description: 'What asked for a run.',
  valuesConfig: describedValues<RunTrigger>(
    {
      manual: 'An admin, through triggerExtraction or runPipeline.',
      schedule: "The service's schedule (setSchedule).",
      retry: 'retryRun: a new run redoing a failed or cancelled one (retryOf). Automatic retries are further attempts of the same run.',
      upload: 'Files loaded outside the job queue (npm run ingest), recorded afterwards as a finished run.',
    },
    upperCase,
  ),
});

export const RunKindEnum = enumOf(RUN_KINDS, upperCase);
registerEnumType(RunKindEnum, {
  name: 'RunKind',
  description: 'EXTRACT fetches from the source then loads; PIPELINE re-runs cleaners and loading over landing.',
  valuesConfig: describedValues<RunKind>(
    {
      extract: 'Fetch new captures from the source (portal, API or file drop) into landing, then load them.',
      pipeline: 'Load again what is already in landing for the service, without fetching.',
    },
    upperCase,
  ),
});

export const HealthStatusEnum = enumOf(HEALTH_STATUSES);
registerEnumType(HealthStatusEnum, {
  name: 'HealthStatus',
  description: "A service's pipeline health; ServiceHealth.reasons says why.",
  valuesConfig: describedValues<HealthStatus>({
    HEALTHY: 'Data extracted recently, nothing to warn about.',
    WARNING:
      'Needs attention: stale landing, raw behind landing, one failed run, a session about to expire, quarantined files or unlinked artist ids.',
    FAILING: 'Two or more runs failed in a row, or a portal session has expired.',
    UNKNOWN: 'Nothing extracted or uploaded yet, so nothing to judge.',
  }),
});

/** The session store's states (its module has no list of them to build from; `satisfies` keeps these among them). */
const SESSION_STATES = ['valid', 'expiring', 'expired', 'missing'] as const satisfies readonly SessionState[];
export const SessionStateEnum = enumOf(SESSION_STATES, upperCase);
registerEnumType(SessionStateEnum, {
  name: 'SessionState',
  description: 'State of a saved portal login session (used by the browser extractors).',
  valuesConfig: describedValues<(typeof SESSION_STATES)[number]>(
    {
      valid: 'Saved and not about to expire.',
      expiring: 'Saved, but expires within the configured warning hours: log in again soon (npm run login).',
      expired: 'Past its expiry: extractions of the account fail until someone logs in again (npm run login).',
      missing: 'No session saved for the account.',
    },
    upperCase,
  ),
});

@ObjectType({ simpleResolvers: true, description: 'What a run did, counted per file and per row.' })
export class RunCountsType {
  @Field(() => Int, { description: 'Files put in landing by this run (extractions only).' })
  filesLanded!: number;
  @Field(() => Int, { description: 'Files loaded into the warehouse (one transaction each).' })
  filesLoaded!: number;
  @Field(() => Int, { description: 'Files whose content was already loaded.' })
  filesSkipped!: number;
  @Field(() => Int, { description: 'Files refused (bad header, schema drift…) and moved to quarantine.' })
  filesQuarantined!: number;
  @Field(() => Int, { description: 'Files whose load failed and was rolled back.' })
  filesFailed!: number;
  @Field(() => LongScalar, { description: 'Rows written to the warehouse (new or changed).' })
  rowsLoaded!: number;
  @Field(() => LongScalar, { description: 'Rows read but not written: unchanged values, repeats, rows without a figure.' })
  rowsSkipped!: number;
  @Field(() => LongScalar, { description: 'Bytes landed.' })
  bytes!: number;
}

@ObjectType({ simpleResolvers: true, description: 'One line of a run log.' })
export class RunLogLine {
  @Field(() => DateTimeScalar, { description: 'When the line was written (UTC).' })
  at!: Date;
  @Field({ description: 'info, warn or error.' })
  level!: string;
  @Field({ description: 'The text, secrets redacted (at most 4000 characters).' })
  message!: string;
}

@ObjectType('IngestionRun', { description: 'One ingestion run in the ledger.' })
export class IngestionRunType {
  @Field(() => ID, {
    description: 'Stable id of the run in the ledger: use it in ingestionRun, cancelRun, retryRun and ingestionRunUpdated.',
  })
  id!: string;
  @Field(() => ServiceEnum, { description: 'The source the run extracts or loads.' })
  service!: Service;
  @Field(() => RunKindEnum, { description: 'Extraction (fetch then load) or pipeline (load landing again).' })
  kind!: RunKind;
  @Field(() => RunTriggerEnum, { description: 'What asked for the run.' })
  trigger!: RunTrigger;
  @Field(() => RunStatusEnum, { description: 'Where the run is now.' })
  status!: RunStatus;
  @Field(() => Int, { description: 'Attempt number, 1 on the first try.' })
  attempt!: number;
  @Field(() => DateRangeOutput, {
    nullable: true,
    description: "Days asked to fetch (triggerExtraction's window, calendar days); null: the extractor's default.",
  })
  window!: DateRangeOutput | null;
  @Field(() => DateTimeScalar, { description: 'When the run was asked for (UTC).' })
  queuedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When a worker started it (UTC); null while queued.' })
  startedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it reached a final status (UTC); null while active.' })
  finishedAt!: Date | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Milliseconds from start to finish (0 when it finished without starting); null while active.',
  })
  durationMs!: number | null;
  @Field(() => Int, { description: '0–100.' })
  progress!: number;
  @Field(() => String, { nullable: true, description: 'What the run is doing now.' })
  step!: string | null;
  @Field(() => RunCountsType, { description: 'Files and rows handled so far.' })
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
  @Field(() => ID, { nullable: true, description: 'Id of the run this one retries; null unless trigger is RETRY.' })
  retryOf!: string | null;
}

@ObjectType('DateRangeOutput', { simpleResolvers: true, description: 'Days, both ends inclusive.' })
export class DateRangeOutput {
  @Field({ description: 'First day, inclusive (YYYY-MM-DD); a preset is stored as the days it resolved to.' })
  from!: string;
  @Field({ description: 'Last day, inclusive (YYYY-MM-DD).' })
  to!: string;
}

export const IngestionRunConnection = Connection(
  IngestionRunType,
  'IngestionRun',
  'Always null: the run ledger is not counted (read on with `after` while pageInfo.hasNextPage).',
);

@InputType({ description: 'Narrows the runs listed; the conditions given must all hold.' })
export class IngestionRunFilter {
  @Field(() => ServiceEnum, { nullable: true, description: 'Only runs of this source.' })
  service?: Service;
  @Field(() => RunStatusEnum, { nullable: true, description: 'Only runs in this status.' })
  status?: RunStatus;
  @Field(() => RunTriggerEnum, { nullable: true, description: 'Only runs asked for this way.' })
  trigger?: RunTrigger;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Queued at or after.' })
  from?: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Queued before.' })
  to?: Date;
}

@ObjectType('Schedule', { simpleResolvers: true, description: 'When a service is extracted automatically.' })
export class ScheduleType {
  @Field(() => ServiceEnum, { description: 'The source extracted.' })
  service!: Service;
  @Field({ description: 'Cron expression or human interval.' })
  every!: string;
  @Field({ description: 'IANA time zone the cron expression is read in (default UTC).' })
  timezone!: string;
  @Field({ description: 'False: kept but not firing.' })
  enabled!: boolean;
  @Field({ description: 'Token name of the admin who last set it.' })
  updatedBy!: string;
  @Field(() => DateTimeScalar, { description: 'When it was last set (UTC).' })
  updatedAt!: Date;
}

@ObjectType('ZoneFreshness', {
  simpleResolvers: true,
  description: "How fresh one lake zone of a service is, from its files' modification times.",
})
export class ZoneFreshnessType {
  @Field({ description: 'landing, raw, staging or quarantine.' })
  zone!: string;
  @Field(() => Int, { description: 'Files in the zone for this service.' })
  files!: number;
  @Field(() => String, { nullable: true, description: 'Name of the newest file; null when the zone is empty.' })
  newestFile!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the newest file was written (UTC); null when the zone is empty.' })
  newestAt!: Date | null;
  @Field(() => Number, {
    nullable: true,
    description: 'Hours from newestAt to the time of the request, to 0.1 h; null when the zone is empty.',
  })
  ageHours!: number | null;
}

@ObjectType('SessionHealth', { simpleResolvers: true, description: 'A saved portal login session of one account.' })
export class SessionHealthType {
  @Field({ description: 'The portal account (login or handle) the session belongs to.' })
  account!: string;
  @Field(() => SessionStateEnum, { description: 'Whether the session can still be used.' })
  state!: SessionState;
  @Field(() => DateTimeScalar, { nullable: true, description: 'From the session JWT `exp`, or the earliest cookie expiry.' })
  expiresAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the session was saved (UTC); null when none is saved.' })
  savedAt!: Date | null;
}

@ObjectType('ServiceHealth', { description: "One service's pipeline health: freshness, runs, sessions and quarantine." })
export class ServiceHealthType {
  @Field(() => ServiceEnum, { description: 'The source judged.' })
  service!: Service;
  @Field(() => HealthStatusEnum, { description: 'Overall status; reasons says why.' })
  status!: HealthStatus;
  @Field(() => [String], { description: 'Why the status is what it is, most serious first.' })
  reasons!: string[];
  @Field(() => [ZoneFreshnessType], { complexity: fanOutCost(EXPECTED_FANOUT.zonesOfService), description: 'Freshness of each lake zone.' })
  zones!: ZoneFreshnessType[];
  @Field(() => IngestionRunType, { nullable: true, description: 'The latest SUCCEEDED run; null when none has succeeded.' })
  lastSuccess!: IngestionRunType | null;
  @Field(() => IngestionRunType, { nullable: true, description: 'The latest FAILED run; null when none has failed.' })
  lastFailure!: IngestionRunType | null;
  @Field(() => IngestionRunType, { nullable: true, description: 'The QUEUED or RUNNING run; null when none is active.' })
  activeRun!: IngestionRunType | null;
  @Field(() => Int, { description: 'Failed runs in a row among the latest finished ones (0 when the latest did not fail).' })
  consecutiveFailures!: number;
  @Field(() => [SessionHealthType], {
    complexity: fanOutCost(EXPECTED_FANOUT.sessionsOfService),
    description: 'Saved portal sessions of the service, one per account.',
  })
  sessions!: SessionHealthType[];
  @Field(() => Int, { description: 'Files of the service currently in quarantine (see quarantinedFiles).' })
  quarantinedFiles!: number;
  @Field(() => [String], {
    description:
      'Platform ids of this service (Spotify artist ids, TikTok handles, Meta page ids) whose files loaded under a placeholder artist because nobody linked them; linkArtistExternalId moves those facts to the real artist.',
  })
  unlinkedArtistIds!: string[];
  @Field(() => Number, { description: 'Configured hours after which the newest landing file counts as stale (a WARNING).' })
  staleAfterHours!: number;
}

export { DateRangeInput };
