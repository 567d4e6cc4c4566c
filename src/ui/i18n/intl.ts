import type { Locale } from '../../shared/i18n';
import { type MessageKey, activeLocale, t } from './t';

/**
 * One formatter per language, made when first asked for: making one costs far more than using
 * it, and every countdown asks each second (two per row, 40 per tick at 20 accounts).
 */
function perLocale<F>(make: (locale: Locale) => F): () => F {
  const made = new Map<Locale, F>();
  return () => {
    const locale = activeLocale();
    let formatter = made.get(locale);
    if (!formatter) made.set(locale, (formatter = make(locale)));
    return formatter;
  };
}

const pluralRules = perLocale((locale) => new Intl.PluralRules(locale));
const numberFormat = perLocale((locale) => new Intl.NumberFormat(locale));

/**
 * The plural category of `count` in the active language ("one", "other", …), so a message
 * can have one key per form that language uses (English and German use "one" and "other").
 */
export function pluralForm(count: number): Intl.LDMLPluralRule {
  return pluralRules().select(count);
}

/** `count` written as people of the active language read numbers ("1,234" / "1.234"). */
export function formatNumber(count: number): string {
  return numberFormat().format(count);
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
