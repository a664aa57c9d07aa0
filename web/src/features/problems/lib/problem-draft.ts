import type { TCreateProblem, TProblemPhoto } from '@hamandishi/contracts';
import { newIdempotencyKey } from '@/lib/api-client';

/**
 * An unsent report, kept on this device so a reload or a dropped connection loses nothing.
 * Photos are kept as their uploaded ids and thumbnails, never their bytes. The idempotency key
 * stays with the draft so a retried submit of the same report is recognised by the server.
 */
export type ProblemDraft = {
  values: Partial<TCreateProblem>;
  photos: TProblemPhoto[];
  isDistrictOnly: boolean;
  idempotencyKey: string;
  /** The body last sent with `idempotencyKey`; a changed body gets a new key. */
  sentBody: string | null;
};

/** The localStorage key of one municipality's draft. */
export const draftKey = (slug: string) => `hamandishi:problem-draft:${slug}`;

/** A new empty draft. */
export function emptyDraft(): ProblemDraft {
  return { values: { title: '', description: '', capacity: 'citizen', isAnonymous: false, photoIds: [] }, photos: [], isDistrictOnly: false, idempotencyKey: newIdempotencyKey(), sentBody: null };
}

/** The saved draft of `slug`, or null when there is none (or it cannot be read). */
export function readDraft(slug: string): ProblemDraft | null {
  try {
    const raw = localStorage.getItem(draftKey(slug));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<ProblemDraft>;
    if (!parsed || typeof parsed !== 'object' || !parsed.values) return null;
    return { ...emptyDraft(), ...parsed, photos: Array.isArray(parsed.photos) ? parsed.photos : [] };
  } catch {
    return null;
  }
}

/** Saves the draft (quietly: a full or disabled storage only loses the convenience). */
export function writeDraft(slug: string, draft: ProblemDraft): void {
  try {
    localStorage.setItem(draftKey(slug), JSON.stringify(draft));
  } catch {
    /* storage unavailable */
  }
}

/** Forgets the draft after a successful submit. */
export function clearDraft(slug: string): void {
  try {
    localStorage.removeItem(draftKey(slug));
  } catch {
    /* storage unavailable */
  }
}

/** True when a draft holds something worth restoring. */
export function isDraftWorthRestoring(draft: ProblemDraft | null): draft is ProblemDraft {
  if (!draft) return false;
  const v = draft.values;
  return Boolean(v.title?.trim() || v.description?.trim() || v.location || v.districtId || v.themeId || draft.photos.length);
}
