import type { LanguageChoice } from '../../shared/i18n';

/** Where the person's Language setting is kept; the extension passes `browserLanguageSetting`. */
export interface LanguageSetting {
  get(): Promise<LanguageChoice>;
  set(choice: LanguageChoice): Promise<void>;
}
