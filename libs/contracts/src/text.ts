import { z } from 'zod';
import { hasBidiControls, hasControlCharacters, isStorableText, normalizePersian } from '@hamandishi/text';

// Every string a request carries goes through one of these four, so that no route can forget
// text hygiene. What each kind does with a bad character, and why:
//
// - NUL and half a surrogate pair are refused everywhere: nobody types them, PostgreSQL cannot
//   store them (it answered 500), and cleaning them silently would hide a broken client.
// - Direction controls (RLO, LRI, RLM...) are refused where the text names someone or something
//   (textLine, textToken): a display name must not be able to reverse the text shown around it,
//   and the person should know their name was not taken as typed. In long free text (textBlock)
//   they are stripped by normalizePersian instead: pasting from Word leaves such marks behind,
//   and refusing a whole comment for an invisible mark would only puzzle its writer.
// - Other control characters (BEL, VT...) carry no meaning and cannot reorder anything: names,
//   titles and free text drop them while normalising; tokens, which are never typed, refuse them.
// - ZWNJ stays (Persian needs it: می‌خواهم); normalizePersian tidies it.

/** The field code of text refused for one of its characters (`errors.field.invalid_characters`). */
export const INVALID_CHARACTERS = 'invalid_characters';

/** Length bounds of a text field, counted after normalisation. */
export type TextBounds = {
  /** Fewest characters (default 0). */
  min?: number;
  /** Most characters. */
  max: number;
  /** Keeps Arabic ي ى ك as typed (the `ar` part of a localized text). */
  keepArabicLetters?: boolean;
};

const bounded = (schema: z.ZodString, { min, max }: TextBounds) => (min ? schema.min(min) : schema).max(max);

const isStorable = (value: string) => isStorableText(value);
const isLine = (value: string) => isStorableText(value) && !hasBidiControls(value);
const isToken = (value: string) => isLine(value) && !hasControlCharacters(value);

/**
 * One line that names someone or something (display name, title, label): refuses NUL, lone
 * surrogates and direction controls; normalised as Persian (ی/ک, ZWNJ, spaces, no control
 * characters) with line breaks folded into spaces.
 */
export function textLine(bounds: TextBounds): z.ZodString {
  const normalize = (value: string) =>
    normalizePersian(value, { keepArabicLetters: bounds.keepArabicLetters }).replace(/\s+/g, ' ');
  return bounded(z.string().refine(isLine, INVALID_CHARACTERS).overwrite(normalize), bounds);
}

/**
 * Free text of one or more paragraphs (description, comment, reason): refuses NUL and lone
 * surrogates; normalised as Persian, which strips direction and control characters and keeps
 * line breaks.
 */
export function textBlock(bounds: TextBounds): z.ZodString {
  const normalize = (value: string) => normalizePersian(value, { keepArabicLetters: bounds.keepArabicLetters });
  return bounded(z.string().refine(isStorable, INVALID_CHARACTERS).overwrite(normalize), bounds);
}

/**
 * A machine-made or exact value (cursor, slug, filter, recipient): refuses NUL, lone surrogates,
 * control and direction characters; trimmed, otherwise kept as sent.
 */
export function textToken(bounds: Omit<TextBounds, 'keepArabicLetters'>): z.ZodString {
  return bounded(z.string().refine(isToken, INVALID_CHARACTERS).trim(), bounds);
}

/**
 * Text that must arrive exactly as sent (a password, a quoted passage compared character by
 * character, a file name that its module sanitises): refuses NUL and lone surrogates only;
 * neither trimmed nor normalised.
 */
export function textVerbatim(bounds: Omit<TextBounds, 'keepArabicLetters'>): z.ZodString {
  return bounded(z.string().refine(isStorable, INVALID_CHARACTERS), bounds);
}
