import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  SOURCE_FILE_RESOLUTIONS,
  SOURCE_FILE_STATUSES,
  type SourceFileResolution,
  type SourceFileStatus,
} from '../../entities/source-file.entity';
import { enumOf, upperCase } from './enum-of';
import { Connection } from './connection';
import { DateTimeScalar, LongScalar } from './scalars';

export const SourceFileStatusEnum = enumOf(SOURCE_FILE_STATUSES, upperCase);
registerEnumType(SourceFileStatusEnum, {
  name: 'SourceFileStatus',
  description: 'What became of a landing file.',
  valuesConfig: {
    LOADING: { description: 'Being loaded now (or its load was interrupted; the next run completes it).' },
    LOADED: { description: 'Loaded into the warehouse.' },
    QUARANTINED: {
      description: 'Failed validation; kept in quarantine/ with its reason, nothing of it loaded. Counted by pipelineHealth.',
    },
    SKIPPED: { description: 'Its content was already loaded from another landing file.' },
    FAILED: { description: 'Could not be loaded for a reason other than its content (rolled back); a later run retries it.' },
    DISMISSED: { description: 'A quarantined file an admin acknowledged without loading it; no longer counted by pipelineHealth.' },
  },
});

export const QuarantineResolutionEnum = enumOf(SOURCE_FILE_RESOLUTIONS, upperCase);
registerEnumType(QuarantineResolutionEnum, {
  name: 'QuarantineResolution',
  description: 'What an admin did about a quarantined file.',
  valuesConfig: {
    RELEASED: { description: 'Re-run through its cleaner (after a fix or an upgrade); its status says how that ended.' },
    DISMISSED: { description: 'Acknowledged and left unloaded.' },
  },
});

@ObjectType('QuarantineReason', {
  simpleResolvers: true,
  description: 'Why a file was quarantined: where in the file, what was expected and what was found.',
})
export class QuarantineReasonType {
  @Field({
    description: 'BAD_HEADER, SCHEMA_DRIFT, WRONG_FIELD_COUNT, BAD_VALUE, BINARY_CONTENT, EMPTY_FILE, UNKNOWN_SOURCE, INCOMPLETE, …',
  })
  code!: string;
  @Field({ description: 'What is wrong, in words.' })
  message!: string;
  @Field(() => Int, { nullable: true, description: '1-based line of the file, when the problem is on one line.' })
  line!: number | null;
  @Field(() => Int, { nullable: true, description: '1-based column (field position) on that line.' })
  column!: number | null;
  @Field(() => String, { nullable: true, description: 'Name of the field (column header or JSON key).' })
  field!: string | null;
  @Field(() => String, { nullable: true, description: 'What the cleaner expected there.' })
  expected!: string | null;
  @Field(() => String, { nullable: true, description: 'What it found (shortened; control characters replaced).' })
  found!: string | null;
}

@ObjectType('QuarantinedFile', {
  simpleResolvers: true,
  description: 'A landing file that failed validation, with its reason and what admins did about it.',
})
export class QuarantinedFileType {
  @Field(() => ID, { description: 'The source file record id.' })
  id!: string;
  @Field({ description: 'Service folder it was quarantined under (a source, or "unknown" when not recognised).' })
  service!: string;
  @Field({ description: 'Stream it was recognised as ("unrecognised" when not).' })
  stream!: string;
  @Field({
    description: 'Path of the landing copy, relative to the data lake root; pass it to releaseQuarantinedFile or dismissQuarantinedFile.',
  })
  landingFile!: string;
  @Field({ description: 'Name of the file as it was given (download or upload name).' })
  originalName!: string;
  @Field(() => LongScalar, { description: 'Size in bytes.' })
  sizeBytes!: bigint;
  @Field(() => SourceFileStatusEnum, { description: 'Current status: QUARANTINED until released or dismissed.' })
  status!: SourceFileStatus;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was last quarantined or loaded (UTC).' })
  finishedAt!: Date | null;
  @Field(() => QuarantineReasonType, { nullable: true, description: 'Why it was (last) quarantined.' })
  reason!: QuarantineReasonType | null;
  @Field(() => QuarantineResolutionEnum, { nullable: true, description: 'Set once an admin released or dismissed it.' })
  resolution!: SourceFileResolution | null;
  @Field(() => String, { nullable: true, description: 'Who released or dismissed it (API token name, or cli:<user>).' })
  resolvedBy!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was released or dismissed (UTC).' })
  resolvedAt!: Date | null;
}

export const QuarantinedFileConnection = Connection(QuarantinedFileType, 'QuarantinedFile');

@ObjectType('QuarantineRelease', {
  simpleResolvers: true,
  description: 'The outcome of re-running a quarantined file through its cleaner.',
})
export class QuarantineReleaseType {
  @Field(() => QuarantinedFileType, {
    description: 'The file after the release (status LOADED, SKIPPED, QUARANTINED again with the new reason, or FAILED).',
  })
  file!: QuarantinedFileType;
  @Field(() => Int, { description: 'Rows loaded into the warehouse by this release (0 unless LOADED).' })
  rowsLoaded!: number;
  @Field({ description: 'What happened, in words.' })
  message!: string;
}
