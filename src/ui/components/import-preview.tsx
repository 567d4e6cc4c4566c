import { useId, useState } from 'preact/hooks';
import type { ImportPreview, ImportPreviewEntry } from '../../messaging';
import { accountName } from '../format';
import { type MessageKey, t, tCount, tNodes } from '../i18n';

/** Props of {@link ImportPreviewList}. */
export interface ImportPreviewListProps {
  preview: ImportPreview;
  /** The import is being written: the buttons wait. */
  busy: boolean;
  onConfirm(selected: number[]): void;
  onCancel(): void;
  /** 2 on the options page, 3 inside the popup. */
  headingLevel?: 2 | 3;
}

/** How each account type is named, and what its codes are made of when not digits. */
// i18n-exempt: names of standards and of a product, the same in every language.
const TYPE_NAMES: Readonly<Record<string, string>> = { totp: 'TOTP', hotp: 'HOTP', steam: 'Steam' };

/** "Steam · 5 characters", "HOTP · 6 digits": what kind of codes an account gives. */
function describeEntry(entry: ImportPreviewEntry): string {
  const name = TYPE_NAMES[entry.type] ?? entry.type.toUpperCase();
  const [one, other]: [MessageKey, MessageKey] =
    entry.type === 'steam'
      ? ['importCharactersOne', 'importCharactersOther']
      : ['importDigitsOne', 'importDigitsOther'];
  return t('importEntryKind', name, tCount(entry.digits, one, other));
}

/**
 * What an import would add, before anything is written: every account found, ticked unless
 * it is already in Keyfob (those are marked and can't be ticked: never doubled), and the
 * entries that were skipped, with the reason. One button imports the ticked ones together.
 */
export function ImportPreviewList({
  preview,
  busy,
  onConfirm,
  onCancel,
  headingLevel = 2,
}: ImportPreviewListProps) {
  const [selected, setSelected] = useState<ReadonlySet<number>>(
    () => new Set(preview.accounts.flatMap((entry, index) => (entry.duplicate ? [] : [index]))),
  );
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  const count = selected.size;

  const toggle = (index: number, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(index);
      else next.delete(index);
      return next;
    });

  return (
    <section class="import-preview" aria-labelledby={headingId} aria-busy={busy}>
      <Heading id={headingId}>
        {tCount(preview.accounts.length, 'importFoundOne', 'importFoundOther')}
      </Heading>
      {preview.accounts.length > 0 && (
        <ul class="import-accounts" aria-label={t('importFoundLabel')}>
          {preview.accounts.map((entry, index) => (
            <li key={index} class={entry.duplicate ? 'import-duplicate' : undefined}>
              <label>
                <input
                  type="checkbox"
                  checked={selected.has(index)}
                  disabled={entry.duplicate || busy}
                  onChange={(event) => toggle(index, event.currentTarget.checked)}
                />
                <span class="import-name">{accountName(entry)}</span>
                <span class="hint">
                  {describeEntry(entry)}
                  {entry.duplicate && t('importAlreadyIn')}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {preview.skipped.length > 0 && (
        <>
          <Sub>{t('importSkipped')}</Sub>
          <ul class="import-skipped" aria-label={t('importSkippedLabel')}>
            {preview.skipped.map((entry, index) => (
              <li key={index}>
                {tNodes('importSkippedEntry', <strong>{entry.label}</strong>, entry.reason)}
              </li>
            ))}
          </ul>
        </>
      )}
      <div class="actions">
        <button
          type="button"
          class="primary"
          disabled={busy || count === 0}
          onClick={() => onConfirm([...selected].sort((a, b) => a - b))}
        >
          {tCount(count, 'importButtonOne', 'importButtonOther')}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('actionCancel')}
        </button>
      </div>
    </section>
  );
}
