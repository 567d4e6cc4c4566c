import { useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import { errorMessage } from '../errors';

/** What {@link useSubmit} gives a form. */
export interface Submit {
  /** A request is on its way: the form shows `aria-busy` and ignores another submit. */
  busy: boolean;
  /** The text for the form's error alert, if there is one. */
  error: string | undefined;
  /**
   * Wraps a submit handler: the browser's own submission never happens, and a submit while a
   * request is on its way is ignored (Enter pressed twice sends once).
   */
  onSubmit(handler: () => void | Promise<void>): (event: Event) => void;
  /** Shows a problem found before sending, and puts focus in the field that fixes it. */
  refuse(message: string, field?: RefObject<HTMLElement | null>): void;
  /**
   * Sends one request: clears the last error and marks the form busy while it runs. On failure
   * the error is shown (only a KeyfobError's own words) and `recover` runs, e.g. to clear a
   * wrong passphrase and refocus its field. Resolves whether the request succeeded.
   */
  run(request: () => Promise<void>, recover?: (failure: unknown) => void): Promise<boolean>;
}

/** The busy, error and focus handling every form of the popup shares. */
export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const refuse = (message: string, field?: RefObject<HTMLElement | null>) => {
    setError(message);
    field?.current?.focus();
  };

  const run = async (request: () => Promise<void>, recover?: (failure: unknown) => void) => {
    if (busy) return false;
    setBusy(true);
    setError(undefined);
    try {
      await request();
      return true;
    } catch (failure) {
      setError(errorMessage(failure));
      recover?.(failure);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (handler: () => void | Promise<void>) => (event: Event) => {
    event.preventDefault();
    if (!busy) void handler();
  };

  return { busy, error, onSubmit, refuse, run };
}
