import { formatNumber, t } from '../i18n';
import { useEffect, useState } from 'preact/hooks';
import { MAX_AUTO_LOCK_MINUTES, type SendMessage, type Settings } from '../../messaging';
import { errorMessage } from '../errors';
import { CheckboxField } from './choice-fields';
import { ErrorAlert, TextField } from './field';

/** Props of {@link PreferencesForm}. */
export interface PreferencesFormProps {
  send: SendMessage;
  /** Puts a short confirmation in the page's status region. */
  announce(message: string): void;
  /**
   * Asks the browser for clipboard access (a permission prompt, on the Save click); resolves
   * whether it was granted. Without it the "clear clipboard" choice is not offered.
   */
  requestClipboardAccess?: (() => Promise<boolean>) | undefined;
}

/** What the person is editing: the number stays text until Save, so "1" on the way to "15" is fine. */
interface Draft {
  autoLockMinutes: string;
  deviceName: string;
  autoSubmitSetup: boolean;
  clearClipboard: boolean;
}

const toDraft = (settings: Settings): Draft => ({
  ...settings,
  autoLockMinutes: String(settings.autoLockMinutes),
});

/**
 * The preferences the background keeps, in groups (general; the sign-in helper for Amazon
 * Cognito), saved together with one Save button. Only the options page shows it: the popup
 * links there rather than keeping a second copy.
 */
export function PreferencesForm({ send, announce, requestClipboardAccess }: PreferencesFormProps) {
  const [saved, setSaved] = useState<Settings>();
  const [draft, setDraft] = useState<Draft>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    send('getSettings', {}).then(
      (settings) => {
        if (!current) return;
        setSaved(settings);
        setDraft(toDraft(settings));
      },
      (failure) => current && setError(errorMessage(failure)),
    );
    return () => {
      current = false;
    };
  }, [send]);

  const edit =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((current) => current && { ...current, [key]: value });

  const save = async (event: Event) => {
    event.preventDefault();
    if (busy || !draft || !saved) return;
    const minutes = Number(draft.autoLockMinutes);
    if (draft.autoLockMinutes.trim() === '' || !Number.isInteger(minutes)) {
      setError(t('prefsWholeMinutes'));
      return;
    }
    // First, while the Save click still counts as the person's gesture for the prompt.
    if (draft.clearClipboard && !saved.clearClipboard && !(await requestClipboardAccess?.())) {
      setError(t('prefsClipboardDenied'));
      return;
    }
    const next: Settings = { ...saved, ...draft, autoLockMinutes: minutes };
    // Only what changed here: the popup and the options page may both be open, and saving one
    // must not put back the other's older values.
    const patch: Partial<Settings> = {};
    for (const key of Object.keys(next) as (keyof Settings)[]) {
      if (next[key] !== saved[key]) (patch as Record<string, unknown>)[key] = next[key];
    }
    setBusy(true);
    setError(undefined);
    try {
      const result = await send('updateSettings', patch);
      setSaved(result);
      setDraft(toDraft(result));
      announce(t('prefsSaved'));
    } catch (failure) {
      // The draft stays as typed, so the person fixes one field instead of retyping all.
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={save} noValidate aria-busy={busy}>
      <h2>{t('prefsHeading')}</h2>
      {!draft ? (
        !error && <p class="muted">{t('appLoading')}</p>
      ) : (
        <>
          <fieldset class="group">
            <legend>{t('prefsGeneral')}</legend>
            <TextField
              label={t('prefsAutoLock')}
              type="number"
              min={1}
              max={MAX_AUTO_LOCK_MINUTES}
              value={draft.autoLockMinutes}
              onValue={edit('autoLockMinutes')}
              hint={t('prefsAutoLockHint', formatNumber(MAX_AUTO_LOCK_MINUTES))}
            />
            {requestClipboardAccess && (
              <CheckboxField
                label={t('prefsClearClipboard')}
                checked={draft.clearClipboard}
                onChecked={edit('clearClipboard')}
                hint={t('prefsClearClipboardHint')}
              />
            )}
          </fieldset>
          <fieldset class="group">
            <legend>{t('prefsHelperHeading')}</legend>
            <p class="muted">{t('prefsHelperIntro')}</p>
            <TextField
              label={t('prefsDeviceName')}
              value={draft.deviceName}
              onValue={edit('deviceName')}
              hint={t('prefsDeviceNameHint')}
            />
            <CheckboxField
              label={t('prefsAutoSubmit')}
              checked={draft.autoSubmitSetup}
              onChecked={edit('autoSubmitSetup')}
              hint={t('prefsAutoSubmitHint')}
            />
          </fieldset>
        </>
      )}
      <ErrorAlert message={error} />
      {draft && (
        <div class="actions">
          <button type="submit" class="primary">
            {t('actionSave')}
          </button>
        </div>
      )}
    </form>
  );
}
