import type { FieldError, FieldErrors } from 'react-hook-form';
import type { TSurveyDefinition, TSurveySection } from '@hamandishi/contracts';

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
