import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * Focus for a yes/no question that opens from a button: the question's text takes focus when
 * it opens, so a screen reader reads the consequence before the answers; when the person
 * backs out (call `returnFocus` before closing), focus goes back to the button that asked
 * rather than to the page top.
 */
export function useQuestionFocus(open: boolean) {
  const promptRef = useRef<HTMLParagraphElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const back = useRef(false);

  useLayoutEffect(() => {
    if (open) promptRef.current?.focus();
    else if (back.current) {
      back.current = false;
      askRef.current?.focus();
    }
  }, [open]);

  return {
    promptRef,
    askRef,
    returnFocus: () => {
      back.current = true;
    },
  };
}
