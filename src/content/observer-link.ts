import {
  readContentConfig,
  readObserverMessage,
  type ContentConfig,
  type ObserverAssociate,
  type ObserverVerify,
} from './page-messages';

/** What {@link createObserverLink} needs. */
export interface ObserverLinkDeps {
  /** The page's window: where the observer posts, and where the device name goes. */
  win: Window;
  /** Longest wait for the observer to take a device name. */
  configAckMs: number;
  isStopped(): boolean;
  /** A report the observer read from the page's own Cognito calls, checked. */
  onReport(message: ObserverAssociate | ObserverVerify): void;
}

/** The content script's end of the page-message channel to the page observer. */
export interface ObserverLink {
  /** Tells the observer the device name to add to VerifySoftwareToken (once per new name). */
  postDeviceName(deviceName: string): void;
  /**
   * Settles once the observer has taken the latest device name (its listener runs before
   * ours, so our own config message coming back means it has), or after `configAckMs`.
   */
  configAck(): Promise<void>;
  /** Reads one message as the page posted it: every shape is checked here. */
  receive(data: unknown): void;
  /** Listens to the page's window messages. */
  start(): void;
  stop(): void;
}

/**
 * The page messages between the content script and the page observer (./page-messages): the
 * observer's reports go to `onReport`, its acknowledgements settle {@link ObserverLink.configAck},
 * and the device name goes out. Messages count only when this very window posted them from its
 * own origin.
 */
export function createObserverLink(deps: ObserverLinkDeps): ObserverLink {
  const { win, configAckMs, isStopped, onReport } = deps;
  let targetOrigin = '*';
  try {
    if (win.location.origin && win.location.origin !== 'null') targetOrigin = win.location.origin;
  } catch {
    // Opaque origin: post to this window whatever it is.
  }
  let ackWaiters: (() => void)[] = [];
  let configAck: Promise<void> = Promise.resolve();
  let sentDeviceName = '';

  function receive(data: unknown): void {
    if (isStopped()) return;
    if (readContentConfig(data)?.deviceName === sentDeviceName) {
      const waiters = ackWaiters;
      ackWaiters = [];
      waiters.forEach((resolve) => resolve());
      return;
    }
    const message = readObserverMessage(data);
    if (!message) return;
    // The bridge's cue to bring this script in; nothing for the script itself.
    if (message.type === 'activity') return;
    onReport(message);
  }

  function onWindowMessage(event: MessageEvent): void {
    if (event.source !== win || event.origin !== win.location.origin) return;
    receive(event.data);
  }

  return {
    postDeviceName(deviceName) {
      if (deviceName === sentDeviceName) return;
      sentDeviceName = deviceName;
      const message: ContentConfig = { __keyfob: 'content', type: 'config', deviceName };
      configAck = new Promise<void>((resolve) => {
        ackWaiters.push(resolve);
        setTimeout(resolve, configAckMs);
      });
      win.postMessage(message, targetOrigin);
    },
    configAck: () => configAck,
    receive,
    start: () => win.addEventListener('message', onWindowMessage),
    stop: () => win.removeEventListener('message', onWindowMessage),
  };
}
