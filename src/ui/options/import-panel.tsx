import { useId, useRef, useState } from 'preact/hooks';
import type { ImportPreview, SendMessage } from '../../messaging';
import { utf8Encode, toBase64 } from '../../shared';
import { ErrorAlert, TextField } from '../components/field';
import { ImportPreviewList } from '../components/import-preview';
import { ProgressBar } from '../components/progress-bar';
import { useTaskProgress } from '../hooks/use-task-progress';
import { errorCode, errorMessage } from '../errors';
import { t, tCount } from '../i18n';
import { readAsBase64 } from './file-data';

/** Props of {@link ImportPanel}. */
export interface ImportPanelProps {
  send: SendMessage;
  announce(message: string): void;
}

/** What the person gave, kept so a wrong password can be retried without choosing it again. */
type Source = { kind: 'file'; name: string; data: string } | { kind: 'image'; data: string };

const PASSWORD_CODES = ['password-required', 'wrong-password'];

/** "Imported 3 accounts". */
const importedText = (added: number) => tCount(added, 'importedOne', 'importedOther');

/**
 * Import: from a file (any format Keyfob reads, its own backups included), pasted text, or an
 * image of QR codes (chosen or pasted). The background reads it and answers with a preview;
 * nothing is written until the person confirms. An encrypted file asks for its password here.
 */
export function ImportPanel({ send, announce }: ImportPanelProps) {
  const [source, setSource] = useState<Source>();
  const [needsPassword, setNeedsPassword] = useState(false);
  const [password, setPassword] = useState('');
  const [pasted, setPasted] = useState('');
  const [preview, setPreview] = useState<ImportPreview>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const passwordRef = useRef<HTMLInputElement>(null);
  const progress = useTaskProgress(send);
  const headingId = useId();
  const pastedId = useId();

  const reset = () => {
    setSource(undefined);
    setNeedsPassword(false);
    setPassword('');
    setPreview(undefined);
  };

  const read = async (next: Source, withPassword?: string) => {
    setSource(next);
    setError(undefined);
    setPreview(undefined);
    setBusy(
      withPassword
        ? t('importDecrypting')
        : next.kind === 'image'
          ? t('importLookingForQr')
          : t('importReading'),
    );
    try {
      const answer =
        next.kind === 'image'
          ? await send('previewImage', { data: next.data })
          : await progress.track((taskId) =>
              send('previewImport', {
                name: next.name,
                data: next.data,
                taskId,
                ...(withPassword ? { password: withPassword } : {}),
              }),
            );
      setNeedsPassword(false);
      setPassword('');
      setPreview(answer);
    } catch (failure) {
      const code = errorCode(failure);
      if (code && PASSWORD_CODES.includes(code)) {
        setNeedsPassword(true);
        if (code === 'wrong-password') setError(t('importWrongPassword'));
        queueMicrotask(() => passwordRef.current?.focus());
      } else {
        setError(errorMessage(failure));
      }
    } finally {
      setBusy(undefined);
    }
  };

  const chooseFile = async (input: HTMLInputElement, kind: Source['kind']) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setNeedsPassword(false);
    const data = await readAsBase64(file);
    await read(kind === 'image' ? { kind, data } : { kind, name: file.name, data });
  };

  const readPasted = (event: Event) => {
    event.preventDefault();
    if (!pasted.trim()) {
      setError(t('importPasteFirst'));
      return;
    }
    void read({ kind: 'file', name: 'pasted.txt', data: toBase64(utf8Encode(pasted)) });
  };

  // A pasted screenshot goes to the QR decoder; pasted text stays in the field.
  const onPaste = (event: ClipboardEvent) => {
    const image = Array.from(event.clipboardData?.files ?? []).find((file) =>
      file.type.startsWith('image/'),
    );
    if (!image) return;
    event.preventDefault();
    void readAsBase64(image).then((data) => read({ kind: 'image', data }));
  };

  const retry = (event: Event) => {
    event.preventDefault();
    if (!source || !password) {
      setError(t('importEnterPassword'));
      passwordRef.current?.focus();
      return;
    }
    void read(source, password);
  };

  const confirm = async (selected: number[]) => {
    if (!preview) return;
    setBusy(t('importImporting'));
    setError(undefined);
    try {
      const { added } = await progress.track((taskId) =>
        send('commitImport', { importId: preview.importId, selected, taskId }),
      );
      reset();
      setPasted('');
      announce(importedText(added));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(undefined);
    }
  };

  const cancel = () => {
    if (preview) void send('discardImport', { importId: preview.importId }).catch(() => {});
    reset();
    setError(undefined);
  };

  return (
    <section class="card" aria-labelledby={headingId} aria-busy={busy !== undefined}>
      <h3 id={headingId}>{t('importHeading')}</h3>
      {preview ? (
        <ImportPreviewList
          key={preview.importId}
          preview={preview}
          busy={busy !== undefined}
          onConfirm={(selected) => void confirm(selected)}
          onCancel={cancel}
          headingLevel={2}
        />
      ) : (
        <>
          <p class="muted">{t('importIntro')}</p>
          <div class="field">
            <label htmlFor={`${headingId}-file`}>{t('importFromFile')}</label>
            <input
              id={`${headingId}-file`}
              type="file"
              disabled={busy !== undefined}
              onChange={(event) => void chooseFile(event.currentTarget, 'file')}
            />
          </div>
          <div class="field">
            <label htmlFor={`${headingId}-image`}>{t('importFromImage')}</label>
            <input
              id={`${headingId}-image`}
              type="file"
              accept="image/*"
              disabled={busy !== undefined}
              onChange={(event) => void chooseFile(event.currentTarget, 'image')}
            />
            <p class="hint">{t('importFromImageHint')}</p>
          </div>
          <form onSubmit={readPasted} noValidate>
            <div class="field">
              <label htmlFor={pastedId}>{t('importPaste')}</label>
              <textarea
                id={pastedId}
                rows={4}
                value={pasted}
                spellcheck={false}
                autoComplete="off"
                onInput={(event) => setPasted(event.currentTarget.value)}
                onPaste={onPaste}
                placeholder={t('importPastePlaceholder')}
              />
            </div>
            <div class="actions">
              <button type="submit" disabled={busy !== undefined}>
                {t('importReadPasted')}
              </button>
            </div>
          </form>
          {needsPassword && source && (
            <form onSubmit={retry} noValidate>
              <TextField
                label={t('importFilePassword')}
                type="password"
                value={password}
                onValue={setPassword}
                inputRef={passwordRef}
                hint={t('importFilePasswordHint')}
              />
              <div class="actions">
                <button type="submit" class="primary" disabled={busy !== undefined}>
                  {t('importOpenFile')}
                </button>
              </div>
            </form>
          )}
        </>
      )}
      {busy && (
        <p class="busy" role="status">
          {busy}
        </p>
      )}
      {busy && progress.fraction !== undefined && (
        <ProgressBar label={busy} fraction={progress.fraction} />
      )}
      <ErrorAlert message={error} />
    </section>
  );
}
