import { activeLocale } from './t';

/**
 * The plural category of `count` in the active language ("one", "other", …), so a message
 * can have one key per form that language uses (English and German use "one" and "other").
 */
export function pluralForm(count: number): Intl.LDMLPluralRule {
  return new Intl.PluralRules(activeLocale()).select(count);
}

/** `count` written as people of the active language read numbers ("1,234" / "1.234"). */
export function formatNumber(count: number): string {
  return new Intl.NumberFormat(activeLocale()).format(count);
}
