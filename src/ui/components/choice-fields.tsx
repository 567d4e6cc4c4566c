import { useId } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

// Kept apart from field.tsx: only views loaded after the popup's first paint use these.

/** Props of {@link CheckboxField}. */
export interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChecked(checked: boolean): void;
  /** Short help under the label, linked as the checkbox's description. */
  hint?: ComponentChildren;
}

/** A native checkbox with its label beside it: Space toggles it, the label text names it. */
export function CheckboxField(props: CheckboxFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div class="field field-check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChecked(event.currentTarget.checked)}
        aria-describedby={props.hint ? hintId : undefined}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

/** Props of {@link SelectField}. */
export interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onValue(value: T): void;
}

/** A labelled native select: keyboard behaviour comes from the browser. */
export function SelectField<T extends string>(props: SelectFieldProps<T>) {
  const id = useId();
  return (
    <div class="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        onChange={(event) => props.onValue(event.currentTarget.value as T)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
