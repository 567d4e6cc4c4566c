import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../errors';
import { type MessageKey, t } from '../i18n';
import { SelectField } from './choice-fields';
import { ErrorAlert } from './field';

/** Props of {@link ChoiceSection}. */
export interface ChoiceSectionProps<T extends string> {
  heading: string;
  label: string;
  /** Every choice, in the order shown, with its label's message. */
  choices: Readonly<Record<T, MessageKey>>;
  /** Reads the stored choice, once, when the section is first shown. */
  load(): Promise<T>;
  /** Stores `next`, which shows as chosen meanwhile; if this fails, the stored one shows again. */
  save(next: T, before: T): Promise<void>;
  /** 3 inside the popup's Settings page, 2 on the options page. */
  headingLevel?: 2 | 3 | undefined;
}

/**
 * A settings card with one select that applies at once (Language, Appearance): shows the
 * stored choice once read, saves a new one on change, and says why if it could not.
 */
export function ChoiceSection<T extends string>(props: ChoiceSectionProps<T>) {
  const { heading, label, choices, headingLevel = 3 } = props;
  const [choice, setChoice] = useState<T>();
  const [error, setError] = useState<string>();
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  // The first props' loader: a parent's new closure on each render must not read again.
  const load = useRef(props.load).current;

  useEffect(() => {
    let current = true;
    load().then(
      (stored) => current && setChoice(stored),
      (failure) => current && setError(errorMessage(failure)),
    );
    return () => {
      current = false;
    };
  }, [load]);

  const change = async (next: T) => {
    if (choice === undefined) return;
    const before = choice;
    setChoice(next);
    setError(undefined);
    try {
      await props.save(next, before);
    } catch (failure) {
      setChoice(before);
      setError(errorMessage(failure));
    }
  };

  return (
    <section class="card" aria-labelledby={headingId}>
      <Heading id={headingId}>{heading}</Heading>
      <ErrorAlert message={error} />
      {choice && (
        <SelectField<T>
          label={label}
          value={choice}
          options={(Object.keys(choices) as T[]).map((value) => ({
            value,
            label: t(choices[value]),
          }))}
          onValue={(next) => void change(next)}
        />
      )}
    </section>
  );
}
