import type { Locale } from '../../shared/i18n';
import { type MessageKey, activeLocale, t } from './t';

let made: { locale: Locale; plural: Intl.PluralRules; number: Intl.NumberFormat } | undefined;

/**
 * The active language's plural rules and number format, made once per language: making them
 * takes milliseconds, and the popup's countdown asks for both every second.
 */
function formats() {
  const locale = activeLocale();
  if (made?.locale !== locale) {
    made = { locale, plural: new Intl.PluralRules(locale), number: new Intl.NumberFormat(locale) };
  }
  return made;
}

/**
 * The plural category of `count` in the active language ("one", "other", …), so a message
 * can have one key per form that language uses (English and German use "one" and "other").
 */
export function pluralForm(count: number): Intl.LDMLPluralRule {
  return formats().plural.select(count);
}

/** `count` written as people of the active language read numbers ("1,234" / "1.234"). */
export function formatNumber(count: number): string {
  return formats().number.format(count);
}

/**
 * {@link t} for a count: message `one` for the singular form, `other` for the rest, with the
 * count (formatted) as `$1` and then `substitutions`.
 */
export function tCount(
  count: number,
  one: MessageKey,
  other: MessageKey,
  ...substitutions: (string | number)[]
): string {
  return t(pluralForm(count) === 'one' ? one : other, formatNumber(count), ...substitutions);
}

/** A moment as the active language writes dates and times. */
export function formatDateTime(
  ms: number,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
): string {
  return new Date(ms).toLocaleString(activeLocale(), options);
}
