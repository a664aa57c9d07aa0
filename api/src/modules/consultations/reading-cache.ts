import { Injectable } from '@nestjs/common';
import { ShortLivedCache } from '../../common/cache/short-lived-cache';
import type { ActivityInfo } from '../plans/stages.service';

/** The part of a reading view that is the same for every reader who does not manage the consultation. */
export type PublicReading = {
  activity: ActivityInfo;
  /** The edition shown: whether it is published and the latest (what commenting depends on). */
  edition: { isPublished: boolean; isLatest: boolean } | null;
  /** The answer without the reader's own fields, serialised once: `{"activity":…}`. */
  json: string;
};

/**
 * Reading views kept for one second per process, serialised: a 300-paragraph edition is some
 * 400 KB of JSON, and building it per request is what limits throughput. Any change that moves a
 * count or an edition clears this process's copies at once (others follow within the second).
 */
@Injectable()
export class ReadingCache {
  private readonly views = new ShortLivedCache<PublicReading>(1_000, 500);

  get(key: string, load: () => Promise<PublicReading>): Promise<PublicReading> {
    return this.views.getOrLoad(key, load);
  }

  /** Called after comments, amendments and editions change. */
  forget(): void {
    this.views.clear();
  }
}
