import { useId, useState } from 'preact/hooks';
import type { ImportPreview, ImportPreviewEntry } from '../../messaging';
import { accountName } from '../format';

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
const TYPE_NAMES: Readonly<Record<string, string>> = { totp: 'TOTP', hotp: 'HOTP', steam: 'Steam' };
const CODE_UNITS: Readonly<Record<string, string>> = { steam: 'characters' };

/** "Steam · 5 characters", "HOTP · 6 digits": what kind of codes an account gives. */
function describeEntry(entry: ImportPreviewEntry): string {
  const name = TYPE_NAMES[entry.type] ?? entry.type.toUpperCase();
  return `${name} · ${entry.digits} ${CODE_UNITS[entry.type] ?? 'digits'}`;
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
        {preview.accounts.length === 1
          ? 'Found 1 account'
          : `Found ${preview.accounts.length} accounts`}
      </Heading>
      {preview.accounts.length > 0 && (
        <ul class="import-accounts" aria-label="Accounts found">
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
                  {entry.duplicate && ' · already in Keyfob'}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {preview.skipped.length > 0 && (
        <>
          <Sub>Skipped</Sub>
          <ul class="import-skipped" aria-label="Skipped entries">
            {preview.skipped.map((entry, index) => (
              <li key={index}>
                <strong>{entry.label}</strong>: {entry.reason}
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
          {count === 1 ? 'Import 1 account' : `Import ${count} accounts`}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </section>
  );
}
