import type { StageStatus, TActivity, TAttachment, TCommittee, TPlanSummary, TStage, TUpstreamDocument } from '@hamandishi/contracts';
import { activityIsOpen, stageStatus } from './plan-calendar';
import type { ActivityRow, CommitteeRow, PlanRow, StageRow, UpstreamDocumentRow } from './plans.repository';

/** The moment a response is computed for: "now" and the day it is in the organisation's zone. */
export type Clock = { now: Date; today: string };

export function activityView(row: ActivityRow, status: StageStatus, clock: Clock): TActivity {
  return {
    id: row.id,
    stageId: row.stageId,
    type: row.type,
    title: row.title,
    description: row.description,
    opensAt: row.opensAt ? new Date(row.opensAt).toISOString() : null,
    closesAt: row.closesAt ? new Date(row.closesAt).toISOString() : null,
    isOpen: activityIsOpen({ opensAt: row.opensAt && new Date(row.opensAt), closesAt: row.closesAt && new Date(row.closesAt) }, status, clock.now),
    participation: row.participation,
    settings: row.settings,
    position: row.position,
  };
}

export function stageView(row: StageRow, activities: ActivityRow[], attachments: TAttachment[], clock: Clock): TStage {
  const status = stageStatus(row, clock.today);
  return {
    id: row.id,
    planId: row.planId,
    position: row.position,
    title: row.title,
    description: row.description,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    status,
    statusOverride: row.statusOverride,
    activities: activities.map((a) => activityView(a, status, clock)),
    attachments,
  };
}

/** The stage running now: the first open one by position. */
export function currentStageId(stages: StageRow[], clock: Clock): string | null {
  return stages.find((s) => stageStatus(s, clock.today) === 'open')?.id ?? null;
}

export function planSummaryView(row: PlanRow, stages: StageRow[], clock: Clock, coverUrl: string | null): TPlanSummary {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    status: row.status,
    strategicHorizon: { from: row.strategicFrom, to: row.strategicTo },
    operationalHorizon: { from: row.operationalFrom, to: row.operationalTo },
    coverUrl,
    currentStageId: currentStageId(stages, clock),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export function committeeView(row: CommitteeRow): TCommittee {
  return {
    id: row.id,
    planId: row.planId,
    name: row.name,
    description: row.description,
    themeIds: row.themeIds,
    secretary: row.secretary,
    members: row.members,
  };
}

export function documentView(row: UpstreamDocumentRow, attachments: TAttachment[]): TUpstreamDocument {
  return {
    id: row.id,
    planId: row.planId,
    level: row.level,
    title: row.title,
    issuer: row.issuer,
    year: row.year,
    url: row.url,
    attachment: (row.attachmentId && attachments.find((a) => a.id === row.attachmentId)) || null,
    directions: row.directions,
  };
}

/** What the audit log keeps of a row: its plain fields (no announcement bookkeeping). */
export function auditedStage(row: StageRow) {
  const { announcedOpenedAt: _o, announcedClosedAt: _c, ...rest } = row;
  return rest;
}

export function auditedActivity(row: ActivityRow) {
  const { announcedOpenedAt: _o, ...rest } = row;
  return rest;
}
