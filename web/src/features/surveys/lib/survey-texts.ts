import type { FieldError, FieldErrors } from 'react-hook-form';
import type { TSurveyDefinition, TSurveyOption, TSurveySection } from '@hamandishi/contracts';

/**
 * The code of the first problem of an answer. The response schema puts issues on the question id
 * and sometimes deeper (`q3.other`, `q7.<row>`), so the error of a question may be nested.
 */
export function answerErrorCode(error: FieldErrors | FieldError | undefined): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  if (typeof (error as FieldError).message === 'string' && (error as FieldError).message)
    return (error as FieldError).message;
  for (const [key, value] of Object.entries(error)) {
    if (key === 'ref' || key === 'type' || key === 'message') continue;
    const code = answerErrorCode(value as FieldErrors);
    if (code) return code;
  }
  return (error as FieldError).type ? String((error as FieldError).type) : undefined;
}

/** The respondent's pages: a page starts with the first section and with every section marked `newPage`. */
export function pagesOf(def: TSurveyDefinition): TSurveySection[][] {
  const pages: TSurveySection[][] = [];
  def.sections.forEach((section, index) => {
    if (index === 0 || section.newPage || pages.length === 0) pages.push([section]);
    else pages.at(-1)!.push(section);
  });
  return pages;
}

/** A stable shuffle (the same order for the same seed), so options do not jump on every render. */
export function shuffled<T>(items: readonly T[], seed: string): T[] {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    const j = h % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The options in the order this respondent sees them (randomised when the question asks). */
export function orderedOptions(
  options: readonly TSurveyOption[],
  isRandom: boolean | undefined,
  seed: string,
): TSurveyOption[] {
  return isRandom ? shuffled(options, seed) : [...options];
}
