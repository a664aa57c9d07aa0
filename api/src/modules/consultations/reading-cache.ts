import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { ShortLivedCache } from '../../common/cache/short-lived-cache';
import type { ActivityInfo } from '../plans/stages.service';
import type { BlockShapeRow, SectionRow } from './consultations.repository';

/** The part of a reading view that is the same for every reader who does not manage the consultation. */
export type PublicReading = {
  activity: ActivityInfo;
  /** The edition shown: whether it is published and the latest (what commenting depends on). */
  edition: { isPublished: boolean; isLatest: boolean } | null;
  /**
   * The answer without the reader's own fields, serialised and UTF-8 encoded once, without its
   * opening brace: `"activity":…}`. Bytes, so a hit neither re-encodes nor re-measures 400 KB.
   */
  tail: Buffer;
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

/** A published edition's sections and blocks without their counts: it never changes. */
export type EditionShape = { sections: SectionRow[]; blocks: BlockShapeRow[] };

/**
 * Published editions' sections and blocks, kept for the life of the process (they are immutable:
 * only a draft is rewritten), so building a reading view reads nothing but the kept counts, a few
 * hundred integers. At most `MAX` editions (some 400 KB each), least recently used first out;
 * readers asking while an edition loads share that one load (lru-cache's fetch).
 */
@Injectable()
export class EditionShapes {
  private static readonly MAX = 32;
  private readonly kept = new LRUCache<string, EditionShape, () => Promise<EditionShape>>({
    max: EditionShapes.MAX,
    fetchMethod: (_key, _stale, { context }) => context(),
  });

  /** `key`: the organisation and the published edition. */
  async get(key: string, load: () => Promise<EditionShape>): Promise<EditionShape> {
    return (await this.kept.fetch(key, { context: load }))!;
  }
}
