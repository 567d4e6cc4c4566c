import { h, type Component, type FunctionComponent } from 'preact';

/**
 * `Inner`, re-rendered by its parent only when `same(old props, new props)` is false (its own
 * state still re-renders it). Preact's `memo` lives in preact/compat, which the popup does
 * not otherwise load.
 */
export function memo<P extends object>(
  Inner: FunctionComponent<P>,
  same: (old: P, next: P) => boolean,
): FunctionComponent<P> {
  function Memo(this: Component<P>, props: P) {
    this.shouldComponentUpdate = (next: P) => !same(this.props, next);
    return h(Inner, props);
  }
  return Memo;
}
