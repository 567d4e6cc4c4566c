import { it } from 'vitest';
import type { BrowserName } from './env';
import type { WebPage } from './enrollment-browser';
import type { ClientPageFlow, RigFixture } from './enrollment-rig';
import type { EnrollmentSession } from './enrollment-steps';
import { Timer, startSession, withDiagnostics } from './enrollment-steps';

/** What a scenario's body gets: a session with a vault, page tracking for diagnostics, a timer. */
export interface ScenarioContext {
  session: EnrollmentSession;
  /** Remembers a page (and its flow) so that a failure prints its state. */
  track(page: WebPage, flow?: ClientPageFlow): WebPage;
  timer: Timer;
}

/**
 * A `scenario(name, body)` for one browser: each runs `body` in a fresh browser session with
 * a vault, and prints the browser, rig and page state if it fails. `dist` and `fixture` are
 * read when the test runs (they are set up in `beforeAll`).
 */
export function scenarios(browserName: BrowserName, dist: () => string, fixture: () => RigFixture) {
  return function scenario(name: string, body: (ctx: ScenarioContext) => Promise<void>) {
    it(name, async () => {
      const timer = new Timer(`${browserName} ${name}`);
      const pages: { page: WebPage; flow?: ClientPageFlow }[] = [];
      let session: EnrollmentSession | undefined;
      await withDiagnostics(
        () => ({ session, pages, rig: fixture().rig }),
        async () => {
          session = await startSession(browserName, dist());
          timer.mark('vault created');
          await body({
            session,
            track(page, flow) {
              pages.push(flow ? { page, flow } : { page });
              return page;
            },
            timer,
          });
        },
      );
      timer.report();
    });
  };
}
