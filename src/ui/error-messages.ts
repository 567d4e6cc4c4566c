import { type MessageKey, activeLocale, t } from './i18n';

/**
 * How a background error's English message reads in another language. The background writes
 * its messages in English (it has no page, hence no language setting); the UI translates them
 * by code, and where one code has several messages, by a pattern of the English one, whose
 * groups carry the values (a number of seconds, a site) into the translation.
 */
interface ErrorRule {
  code: string;
  match?: RegExp;
  key: MessageKey;
}

/** The first rule of a code that matches wins; a rule without `match` is that code's default. */
export const ERROR_RULES: readonly ErrorRule[] = [
  { code: 'vault-locked', match: /The vault is locked/, key: 'errVaultLocked' },
  { code: 'vault-locked', key: 'errVaultLockedFill' },
  { code: 'vault-missing', key: 'errVaultMissing' },
  { code: 'vault-exists', key: 'errVaultExists' },
  { code: 'vault-busy', key: 'errVaultBusy' },
  { code: 'vault-header-damaged', key: 'errVaultHeaderDamaged' },
  { code: 'vault-format-unsupported', key: 'errVaultFormat' },
  { code: 'wrong-passphrase', key: 'errWrongPassphrase' },
  { code: 'passphrase-weak', match: /at least (\d+) characters/, key: 'errPassphraseShort' },
  {
    code: 'passphrase-weak',
    match: /at least (\d+) different characters/,
    key: 'errPassphraseRepetitive',
  },
  { code: 'passphrase-weak', key: 'errPassphraseWeak' },
  { code: 'passphrase-mismatch', key: 'errPassphraseMismatch' },
  { code: 'passphrase-throttled', match: /Wait (\d+) s/, key: 'errPassphraseThrottled' },
  { code: 'account-not-found', key: 'errAccountNotFound' },
  { code: 'account-invalid', key: 'errAccountInvalid' },
  { code: 'record-damaged', key: 'errRecordDamaged' },
  { code: 'storage-failed', key: 'errStorageFailed' },
  { code: 'internal', key: 'errInternal' },
  { code: 'no-reply', key: 'errNoReply' },
  { code: 'account-duplicate', key: 'errAccountDuplicate' },
  { code: 'account-linked', match: /linked to (\S+)\. Unlink/, key: 'errAccountLinked' },
  { code: 'account-missing', key: 'errAccountMissing' },
  { code: 'account-pending', key: 'errAccountPending' },
  { code: 'account-replaced', key: 'errAccountReplaced' },
  { code: 'capture-failed', key: 'errCaptureFailed' },
  { code: 'choose-account', match: /set up on (\S+): open/, key: 'errChooseAccount' },
  { code: 'no-account', match: /set up on (\S+)\.$/, key: 'errNoAccount' },
  { code: 'fill-refused', key: 'errFillRefused' },
  { code: 'origin-mismatch', key: 'errOriginMismatch' },
  { code: 'page-changed', key: 'errPageChanged' },
  { code: 'page-unsupported', match: /link accounts/, key: 'errPageUnsupportedLink' },
  { code: 'page-unsupported', match: /set up accounts/, key: 'errPageUnsupportedSetup' },
  { code: 'page-unsupported', key: 'errPageUnsupported' },
  { code: 'import-expired', key: 'errImportExpired' },
  { code: 'no-qr-code', key: 'errNoQrCode' },
  { code: 'image-too-large', key: 'errImageTooLarge' },
  { code: 'unreadable-image', key: 'errUnreadableImage' },
  { code: 'not-hotp', key: 'errNotHotp' },
  { code: 'secret-invalid', key: 'errSecretInvalid' },
  { code: 'secret-missing', key: 'errSecretMissing' },
  {
    code: 'secret-too-short',
    match: /it has (\d+) bits and Keyfob needs at least (\d+)/,
    key: 'errSecretTooShort',
  },
  { code: 'secret-too-long', match: /at most (\d+) bytes/, key: 'errSecretTooLong' },
  { code: 'uri-malformed', key: 'errUriMalformed' },
  { code: 'uri-scheme', key: 'errUriScheme' },
  { code: 'uri-too-long', match: /over (\d+) characters/, key: 'errUriTooLong' },
  { code: 'wrong-password', key: 'errWrongPassword' },
  { code: 'password-required', key: 'errPasswordRequired' },
  { code: 'unsupported-format', match: /does not recognise/, key: 'errUnsupportedFile' },
  { code: 'unsupported-format', match: /newer version of Keyfob/, key: 'errNewerBackup' },
  { code: 'damaged-file', match: /Keyfob backup is damaged/, key: 'errBackupDamaged' },
  { code: 'damaged-file', key: 'errDamagedFile' },
  { code: 'settings-invalid', key: 'errSettingsInvalid' },
];

/**
 * A KeyfobError's message in the active language. In English it is the background's own text;
 * in another language its translation, or the English text for a message Keyfob cannot yet
 * translate (better a sentence in English than none).
 */
export function localizeError(code: string, message: string): string {
  if (activeLocale() === 'en') return message;
  for (const rule of ERROR_RULES) {
    if (rule.code !== code) continue;
    if (!rule.match) return t(rule.key);
    const found = rule.match.exec(message);
    if (found) return t(rule.key, ...found.slice(1));
  }
  return message;
}
