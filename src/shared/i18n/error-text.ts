import type { MessageKey } from './message-key';

/**
 * How a background error's English message reads in another language. The background writes
 * its errors in English (they travel as such to the pages); the pages, and the background's
 * own badge titles, translate them by code, and where one code has several messages, by a
 * pattern of the English one, whose groups carry the values (a number of seconds, a site)
 * into the translation.
 */
interface ErrorPattern {
  code: string;
  match: RegExp;
  key: MessageKey;
}

/** Codes whose English message has several forms: the pattern picks the form and its values. */
export const ERROR_PATTERNS: readonly ErrorPattern[] = [
  { code: 'vault-locked', match: /The vault is locked/, key: 'errVaultLocked' },
  { code: 'passphrase-weak', match: /at least (\d+) characters/, key: 'errPassphraseShort' },
  {
    code: 'passphrase-weak',
    match: /at least (\d+) different characters/,
    key: 'errPassphraseRepetitive',
  },
  {
    code: 'secret-too-short',
    match: /it has (\d+) bits and Keyfob needs at least (\d+)/,
    key: 'errSecretTooShort',
  },
  { code: 'passphrase-throttled', match: /Wait (\d+) s/, key: 'errPassphraseThrottled' },
  { code: 'account-linked', match: /linked to (\S+)\. Unlink/, key: 'errAccountLinked' },
  { code: 'choose-account', match: /set up on (\S+): open/, key: 'errChooseAccount' },
  { code: 'no-account', match: /set up on (\S+)\.$/, key: 'errNoAccount' },
  { code: 'page-unsupported', match: /link accounts/, key: 'errPageUnsupportedLink' },
  { code: 'page-unsupported', match: /set up accounts/, key: 'errPageUnsupportedSetup' },
  { code: 'secret-too-long', match: /at most (\d+) bytes/, key: 'errSecretTooLong' },
  { code: 'uri-too-long', match: /over (\d+) characters/, key: 'errUriTooLong' },
  { code: 'unsupported-format', match: /does not recognise/, key: 'errUnsupportedFile' },
  { code: 'unsupported-format', match: /newer version of Keyfob/, key: 'errNewerBackup' },
  { code: 'damaged-file', match: /Keyfob backup is damaged/, key: 'errBackupDamaged' },
];

/** Each code's translation when no pattern matched (or the code has one message only). */
export const ERROR_KEYS: Readonly<Record<string, MessageKey>> = {
  'vault-locked': 'errVaultLockedFill',
  'vault-missing': 'errVaultMissing',
  'vault-exists': 'errVaultExists',
  'vault-busy': 'errVaultBusy',
  'vault-header-damaged': 'errVaultHeaderDamaged',
  'vault-format-unsupported': 'errVaultFormat',
  'wrong-passphrase': 'errWrongPassphrase',
  'passphrase-weak': 'errPassphraseWeak',
  'passphrase-mismatch': 'errPassphraseMismatch',
  'account-not-found': 'errAccountNotFound',
  'account-invalid': 'errAccountInvalid',
  'record-damaged': 'errRecordDamaged',
  'storage-failed': 'errStorageFailed',
  internal: 'errInternal',
  'no-reply': 'errNoReply',
  'account-duplicate': 'errAccountDuplicate',
  'account-missing': 'errAccountMissing',
  'account-pending': 'errAccountPending',
  'account-replaced': 'errAccountReplaced',
  'capture-failed': 'errCaptureFailed',
  'fill-refused': 'errFillRefused',
  'origin-mismatch': 'errOriginMismatch',
  'page-changed': 'errPageChanged',
  'page-unsupported': 'errPageUnsupported',
  'import-expired': 'errImportExpired',
  'no-qr-code': 'errNoQrCode',
  'image-too-large': 'errImageTooLarge',
  'unreadable-image': 'errUnreadableImage',
  'not-hotp': 'errNotHotp',
  'secret-invalid': 'errSecretInvalid',
  'secret-missing': 'errSecretMissing',
  'uri-malformed': 'errUriMalformed',
  'uri-scheme': 'errUriScheme',
  'wrong-password': 'errWrongPassword',
  'password-required': 'errPasswordRequired',
  'damaged-file': 'errDamagedFile',
  'settings-invalid': 'errSettingsInvalid',
};

/**
 * A KeyfobError's message through `translate` (a catalogue other than English): its
 * translation, or the English text for a message Keyfob cannot yet translate (better a
 * sentence in English than none).
 */
export function localizeErrorWith(
  code: string,
  message: string,
  translate: (key: MessageKey, ...substitutions: string[]) => string,
): string {
  for (const rule of ERROR_PATTERNS) {
    const found = rule.code === code && rule.match.exec(message);
    if (found) return translate(rule.key, ...found.slice(1));
  }
  const key = ERROR_KEYS[code];
  return key ? translate(key) : message;
}
