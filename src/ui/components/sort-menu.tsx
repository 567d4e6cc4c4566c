import { useId } from 'preact/hooks';
import { ACCOUNT_SORTS, type AccountSort } from '../../messaging';

const LABELS: Record<AccountSort, string> = {
  manual: 'By hand',
  name: 'Name',
  recent: 'Recently used',
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
      <label for={id}>Sort</label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange((event.target as HTMLSelectElement).value as AccountSort)}
      >
        {ACCOUNT_SORTS.map((sort) => (
          <option key={sort} value={sort}>
            {LABELS[sort]}
          </option>
        ))}
      </select>
      {value === 'manual' && (
        <span class="hint">Drag a row, or press Alt+↑/↓ on it, to move it.</span>
      )}
    </div>
  );
}
