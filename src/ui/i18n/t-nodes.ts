import type { ComponentChild } from 'preact';
import type { MessageKey } from './t';
import { t } from './t';

/** Brackets substitution `n` while the message is filled (a character no message holds). */
const MARK = '\uE000';
const mark = (index: number) => `${MARK}${index}${MARK}`;
const SPLIT = new RegExp(`${MARK}(\\d+)${MARK}`);

/**
 * {@link t} for a message with markup inside it ("Did you finish setting up <strong>…</strong>?"):
 * each substitution may be an element, and the result is a list of children in the order the
 * language puts them.
 */
export function tNodes(key: MessageKey, ...substitutions: ComponentChild[]): ComponentChild[] {
  const text = t(key, ...substitutions.map((_, index) => mark(index)));
  return text
    .split(SPLIT)
    .map((part, index) => (index % 2 === 0 ? part : substitutions[Number(part)]))
    .filter((part) => part !== '');
}
