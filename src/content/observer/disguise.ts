/** The parts of the page's window the disguise touches. */
export interface DisguiseWindow {
  Function: FunctionConstructor;
}

/** Puts a wrapper in place of a page function so that the page can't tell them apart. */
export interface Disguise {
  /**
   * A stand-in for `original` that runs `handler` instead: a Proxy of `original`, so its
   * name, length, prototype and constructor behaviour are the original's, and
   * `Function.prototype.toString` reads the original's native source for it.
   */
  wrap<F extends (...args: never[]) => unknown>(
    original: F,
    handler: (self: unknown, args: unknown[]) => unknown,
  ): F;
  /** Puts the page's own `Function.prototype.toString` back (for tests). */
  restore(): void;
}

/**
 * Hides the observer's wrappers from the page (docs/architecture.md §1): the page observer
 * runs in the page's own world, where a page can compare `fetch.toString()` with the native
 * source. Engines print a Proxy of a native function without its name, so
 * `Function.prototype.toString` itself becomes a Proxy that reads the original of each
 * wrapper, itself included. Nothing is added to the page under a name of ours.
 */
export function createDisguise(win: DisguiseWindow): Disguise {
  const originals = new WeakMap<object, object>();
  const proto = win.Function.prototype;
  const nativeToString = proto.toString;
  const toString = new Proxy(nativeToString, {
    apply(target, self: unknown, args: unknown[]) {
      const shown = (typeof self === 'function' && originals.get(self)) || self;
      return Reflect.apply(target, shown, args);
    },
  });
  originals.set(toString, nativeToString);
  proto.toString = toString;

  return {
    wrap(original, handler) {
      const wrapper = new Proxy(original, {
        apply: (_target, self: unknown, args: unknown[]) => handler(self, args),
      });
      originals.set(wrapper, original);
      return wrapper;
    },
    restore() {
      if (proto.toString === toString) proto.toString = nativeToString;
    },
  };
}
