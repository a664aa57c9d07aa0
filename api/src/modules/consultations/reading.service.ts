import { Injectable } from '@nestjs/common';
import type { Role, TConsultation, TDocumentBlock, TEditionDiff } from '@hamandishi/contracts';
import { diffWords } from '@hamandishi/text';
import type { Actor } from '../../common/http/request-context';
import { AttachmentsService } from '../attachments/attachments.service';
import type { MembershipRow } from '../identity/memberships.repository';
import type { Organization } from '../organizations/organization.entity';
import { ParticipationService } from '../plans/participation.service';
import { type BlockRow, ConsultationsRepository, type EditionListRow } from './consultations.repository';
import { ConsultationErrors } from './consultations.errors';
import { EditionsService, editionSummary } from './editions.service';
import { alignBlocks } from './editions/block-alignment';
import { storedBlockKey } from './editions/edition-blocks';
import { type EditionShape, EditionShapes, type PublicReading, ReadingCache } from './reading-cache';

/** Who manages a consultation's editions and reads its report. */
export const CONSULTATION_MANAGERS: readonly Role[] = ['planner', 'admin'];

/** The reading view of a consultation and the diff between two of its editions. */
@Injectable()
export class ReadingService {
  constructor(
    private readonly repository: ConsultationsRepository,
    private readonly editions: EditionsService,
    private readonly participation: ParticipationService,
    private readonly attachments: AttachmentsService,
    private readonly cache: ReadingCache,
    private readonly shapes: EditionShapes,
  ) {}

  private async loadShape(organizationId: string, editionId: string): Promise<EditionShape> {
    const db = this.repository.db;
    const [sections, blocks] = await Promise.all([
      this.repository.sections(db, organizationId, editionId),
      this.repository.blockShapes(db, organizationId, editionId),
    ]);
    return { sections, blocks };
  }

  /**
   * The reading view as JSON bytes: the edition asked for (the latest published by default; a draft for
   * managers only), its sections and blocks (a published edition's kept per process) with the
   * comment counts kept on the rows of its blocks and their earlier versions, then the reader's own fields (may they comment, manage). What is
   * the same for every non-manager comes from the one-second ReadingCache.
   */
  async viewJson(
    org: Organization,
    activityId: string,
    number: number | undefined,
    actor: Actor | undefined,
    membership: MembershipRow | null,
  ): Promise<Buffer> {
    const canManage = isManager(actor, membership);
    const reading = canManage
      ? await this.build(org, activityId, number, true)
      : await this.cache.get(`${org.id}:${activityId}:${number ?? 'latest'}`, () =>
          this.build(org, activityId, number, false),
        );
    const check = this.participation.check(reading.activity, actor, membership);
    let cannotCommentReason: string | null = check.canTakePart ? null : (check.reason ?? 'identity.forbidden');
    if (!reading.edition?.isPublished) cannotCommentReason ??= 'consultations.no_edition';
    else if (!reading.edition.isLatest) cannotCommentReason ??= 'consultations.not_latest';
    const own = JSON.stringify({ canComment: cannotCommentReason === null, cannotCommentReason, canManage });
    return Buffer.concat([Buffer.from(`${own.slice(0, -1)},`), reading.tail]);
  }

  private async build(
    org: Organization,
    activityId: string,
    number: number | undefined,
    canManage: boolean,
  ): Promise<PublicReading> {
    const activity = await this.editions.consultation(org.id, activityId);
    const editions = await this.repository.editions(org.id, activityId, canManage);
    const latest = editions.filter((e) => e.status === 'published').at(-1) ?? null;
    const edition = number === undefined ? latest : (editions.find((e) => e.number === number) ?? null);
    if (number !== undefined && !edition) throw ConsultationErrors.editionNotFound();

    const base: Omit<TConsultation, 'canComment' | 'cannotCommentReason' | 'canManage' | 'edition'> = {
      activity: {
        id: activity.id,
        planId: activity.planId,
        stageId: activity.stageId,
        title: activity.title,
        opensAt: activity.opensAt,
        closesAt: activity.closesAt,
        isOpen: activity.isOpen,
      },
      editions: editions.map(editionSummary),
    };
    if (!edition) return { activity, edition: null, tail: tailOf({ ...base, edition: null }) };

    // The text of a published edition never changes: it is read once per process (EditionShapes);
    // only the kept counts of its blocks and of their earlier versions are read per build.
    const db = this.repository.db;
    const earlierIds = editions.filter((e) => e.status === 'published' && e.number < edition.number).map((e) => e.id);
    const [{ sections, blocks: shapes }, counts] = await Promise.all([
      edition.status === 'published'
        ? this.shapes.get(`${org.id}:${edition.id}`, () => this.loadShape(org.id, edition.id))
        : this.loadShape(org.id, edition.id),
      this.repository.blockCounts(db, org.id, [edition.id, ...earlierIds]),
    ]);
    const countOf = new Map<string, { comments: number; amendments: number }>();
    counts.ids.forEach((id, i) => countOf.set(id, { comments: counts.comments[i], amendments: counts.amendments[i] }));
    const blocks: BlockRow[] = shapes.map((shape) => ({
      ...shape,
      commentCount: countOf.get(shape.id)?.comments ?? 0,
      amendmentCount: countOf.get(shape.id)?.amendments ?? 0,
      earlier: shape.earlier.map((e) => ({ ...e, commentCount: countOf.get(e.id)?.comments ?? 0 })),
    }));
    const bySection = new Map<string, TDocumentBlock[]>(sections.map((s) => [s.id, []]));
    for (const block of blocks) bySection.get(block.sectionId)?.push(this.blockView(org.slug, block));
    const isLatest = edition.id === latest?.id;
    const view = {
      ...base,
      edition: {
        id: edition.id,
        number: edition.number,
        title: edition.title,
        status: edition.status,
        changeSummary: edition.changeSummary,
        publishedAt: edition.publishedAt ? new Date(edition.publishedAt).toISOString() : null,
        isLatest,
        documentCommentCount: edition.commentCount,
        sections: sections.map((s) => ({
          id: s.id,
          anchor: s.anchor,
          heading: s.heading,
          level: s.level,
          blocks: bySection.get(s.id) ?? [],
        })),
      },
    };
    return { activity, edition: { isPublished: edition.status === 'published', isLatest }, tail: tailOf(view) };
  }

  /** What changed between two editions, block by block, with word runs for reworded blocks. */
  async diff(
    org: Organization,
    activityId: string,
    from: number,
    to: number,
    actor: Actor | undefined,
    membership: MembershipRow | null,
  ): Promise<TEditionDiff> {
    await this.editions.consultation(org.id, activityId);
    const editions = await this.repository.editions(org.id, activityId, isManager(actor, membership));
    const older = pick(editions, Math.min(from, to));
    const newer = pick(editions, Math.max(from, to));
    const db = this.repository.db;
    const [olderBlocks, newerBlocks, olderSections, newerSections] = await Promise.all([
      this.repository.blocks(db, org.id, older.id),
      this.repository.blocks(db, org.id, newer.id),
      this.repository.sections(db, org.id, older.id),
      this.repository.sections(db, org.id, newer.id),
    ]);
    const headingOf = new Map([...olderSections, ...newerSections].map((s) => [s.id, s.heading]));
    const keyed = (b: BlockRow) => ({ key: storedBlockKey(b.kind, b.text, b.content), text: b.text });
    const { matches, steps } = alignBlocks(olderBlocks.map(keyed), newerBlocks.map(keyed));
    const counts = { added: 0, removed: 0, modified: 0, unchanged: 0 };
    const blocks = steps.map((step) => {
      const before = step.oldIndex === null ? null : olderBlocks[step.oldIndex];
      const after = step.newIndex === null ? null : newerBlocks[step.newIndex];
      const change = !after
        ? 'removed'
        : !before
          ? 'added'
          : matches[step.newIndex!].change === 'modified'
            ? 'modified'
            : 'unchanged';
      counts[change]++;
      const runs =
        change === 'modified'
          ? diffWords(before!.text, after!.text)
          : [
              {
                op: change === 'added' ? 'insert' : change === 'removed' ? 'delete' : 'equal',
                text: (after ?? before)!.text,
              } as const,
            ];
      return {
        change,
        heading: headingOf.get((after ?? before)!.sectionId) ?? null,
        fromAnchor: before?.anchor ?? null,
        toAnchor: after?.anchor ?? null,
        runs,
      } as const;
    });
    return { from: older.number, to: newer.number, changeSummary: newer.changeSummary, blocks, counts };
  }

  private blockView(slug: string, block: BlockRow): TDocumentBlock {
    const content = block.content;
    const carried = block.earlier.reduce((sum, e) => sum + e.commentCount, 0);
    return {
      id: block.id,
      anchor: block.anchor,
      kind: block.kind,
      text: block.text,
      ordered: 'ordered' in content && content.ordered !== undefined ? content.ordered : null,
      items: 'items' in content && content.items ? content.items : null,
      rows: 'rows' in content && content.rows ? content.rows : null,
      image:
        'attachmentId' in content && content.attachmentId
          ? {
              attachmentId: content.attachmentId,
              url: this.attachments.urlOf(slug, content.attachmentId),
              alt: content.alt,
            }
          : null,
      commentCount: block.commentCount,
      carriedCommentCount: carried,
      earlierBlocks: block.earlier,
      amendmentCount: block.amendmentCount,
      change: block.change,
    };
  }
}

/** An object's JSON as UTF-8 bytes without the opening brace, for the reader's own fields to go first. */
function tailOf(value: object): Buffer {
  return Buffer.from(JSON.stringify(value).slice(1));
}

/** Whether the person manages this organisation's consultations. */
export function isManager(actor: Actor | undefined, membership: MembershipRow | null): boolean {
  return !!actor && (actor.isSuperadmin || !!membership?.roles.some((r) => CONSULTATION_MANAGERS.includes(r)));
}

function pick(editions: EditionListRow[], number: number): EditionListRow {
  const edition = editions.find((e) => e.number === number);
  if (!edition) throw ConsultationErrors.editionNotFound();
  return edition;
}
