import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A view whose code is fetched the first time it is shown, so the popup's first paint carries
 * only the list (docs/architecture.md §2: popup JS budget). The module is fetched once and kept;
 * `prefetch` starts the fetch early, e.g. once the list has painted, so a click rarely waits.
 * Until the module is in, the view renders nothing.
 */
export function lazyView<P extends object>(
  load: () => Promise<ComponentType<P>>,
): FunctionComponent<P> & { prefetch(): Promise<void> } {
  let loaded: ComponentType<P> | undefined;
  let fetching: Promise<void> | undefined;
  const prefetch = () =>
    (fetching ??= load().then((component) => {
      loaded = component;
    }));

  function LazyView(props: P) {
    const [, setReady] = useState(false);
    useEffect(() => {
      if (loaded) return;
      let shown = true;
      void prefetch().then(() => shown && setReady(true));
      return () => {
        shown = false;
      };
    }, []);
    const View = loaded;
    return View ? <View {...props} /> : null;
  }
  return Object.assign(LazyView, { prefetch });
}
