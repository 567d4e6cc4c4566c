import { useId } from 'preact/hooks';
import { ACCOUNT_SORTS, type AccountSort } from '../../messaging';
import { t, type MessageKey } from '../i18n';

const LABELS: Record<AccountSort, MessageKey> = {
  manual: 'sortManual',
  name: 'sortName',
  recent: 'sortRecent',
};

/** Props of {@link SortMenu}. */
export interface SortMenuProps {
  value: AccountSort;
  onChange(sort: AccountSort): void;
}

/**
 * How the list is sorted below its pinned accounts. Sorted by hand, a hint says how to move
 * rows: dragging, or Alt+Up/Down for keyboard users.
 */
export function SortMenu({ value, onChange }: SortMenuProps) {
  const id = useId();
  return (
    <div class="sort-menu">
      <label for={id}>{t('sortLabel')}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange((event.target as HTMLSelectElement).value as AccountSort)}
      >
        {ACCOUNT_SORTS.map((sort) => (
          <option key={sort} value={sort}>
            {t(LABELS[sort])}
          </option>
        ))}
      </select>
      {value === 'manual' && <span class="hint">{t('sortMoveHint')}</span>}
    </div>
  );
}
