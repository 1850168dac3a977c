import { Field, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar, DecimalScalar } from './scalars';

@ObjectType('Restatement', {
  simpleResolvers: true,
  description:
    'A stored daily value that a strictly newer capture of the same source changed (DistroKid restates older days on later captures). ' +
    'First loads, older captures loaded late and captures repeating a value are never restatements.',
})
export class RestatementType {
  id!: number;
  platformId!: number | null;
  trackId!: number | null;
  artistId!: number | null;

  @Field(() => DateScalar, { description: "The day whose value changed (the source's own calendar day, as it reports it)." })
  date!: string;

  @Field({
    description:
      'What changed: `streams` (DistroKid/TooLost daily streams of a platform; Spotify for Artists audience streams), `listeners`, `followers`, ' +
      'TikTok `video_views`, `profile_views`, `likes`, `comments`, `shares`, Linktree `total_views`, `unique_views`, `total_clicks`, `unique_clicks`, ' +
      'Meta Ads `spend` (account currency), `impressions`, `clicks`, `reach`. Values of different metrics are never added together.',
  })
  metric!: string;

  @Field({ description: 'Warehouse table of the changed row, e.g. `streams`.' })
  table!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: "The value before, exact, in the metric's unit: a count, or for `spend` an amount in the account currency.",
  })
  oldValue!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The value after, in the same unit.' })
  newValue!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'newValue − oldValue (negative when the source lowered the figure); null when either is unknown.',
  })
  change!: string | null;

  @Field(() => DateTimeScalar, { description: 'Capture time (UTC) of the value before: the newest capture that had confirmed it.' })
  oldCapturedAt!: Date;

  @Field(() => DateTimeScalar, { description: 'Capture time (UTC) of the capture that changed it.' })
  newCapturedAt!: Date;

  @Field({ description: 'Name of the landing file that wrote the value before (as it arrived).' })
  oldSourceFile!: string;

  @Field({ description: 'Name of the landing file that changed it.' })
  newSourceFile!: string;
}
