import { useId } from 'preact/hooks';
import type { ComponentChildren, Ref } from 'preact';

/** Props of {@link TextField}. */
export interface TextFieldProps {
  label: string;
  value: string;
  onValue(value: string): void;
  type?: 'text' | 'password' | 'number' | 'search';
  inputRef?: Ref<HTMLInputElement>;
  autoComplete?: string;
  required?: boolean;
  /** Short help under the input, linked as its description. */
  hint?: ComponentChildren;
  min?: number;
  max?: number;
  placeholder?: string;
  /** For secrets and codes: no spellcheck or auto-capitalisation surprises. */
  verbatim?: boolean;
}

/** A labelled input. The visible label is the accessible name, so tests and people agree. */
export function TextField(props: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div class="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        {...(props.inputRef ? { ref: props.inputRef } : {})}
        // Preact types each input `type` separately; these four share every attribute used here.
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        onInput={(event) => props.onValue(event.currentTarget.value)}
        autoComplete={props.autoComplete ?? 'off'}
        aria-required={props.required ? 'true' : undefined}
        aria-describedby={props.hint ? hintId : undefined}
        min={props.min}
        max={props.max}
        placeholder={props.placeholder}
        spellcheck={props.verbatim ? false : undefined}
        autocapitalize={props.verbatim ? 'off' : undefined}
      />
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

/** An error the user must notice: announced at once (`role="alert"`). Renders nothing when empty. */
export function ErrorAlert({ message }: { message?: string | undefined }) {
  if (!message) return null;
  return (
    <p class="alert" role="alert">
      {message}
    </p>
  );
}

/** Props of {@link PassphraseField}. */
export type PassphraseFieldProps = Pick<
  TextFieldProps,
  'label' | 'value' | 'onValue' | 'inputRef' | 'required'
>;

/**
 * The vault passphrase asked again (unlock, change, export, reveal): one place that says it is
 * a password the browser's manager may fill as the current one.
 */
export function PassphraseField(props: PassphraseFieldProps) {
  return <TextField {...props} type="password" autoComplete="current-password" />;
}
