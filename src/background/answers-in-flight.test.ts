import {
  ANSWER_WAIT_MS,
  FORGET_AFTER_MS,
  MAX_PER_TAB,
  createAnswersInFlight,
} from './answers-in-flight';

// Which of a tab's Cognito requests are still unanswered, and the wait a setup's code makes for
// them: bounded, per tab, and never held by a request whose events were lost.

let clock: number;
/** Sleeps not yet over; `elapse` ends them. */
let sleeps: { until: number; wake: () => void }[];

function tracker() {
  return createAnswersInFlight({
    now: () => clock,
    sleep: (ms) => new Promise<void>((wake) => sleeps.push({ until: clock + ms, wake })),
  });
}

function elapse(ms: number) {
  clock += ms;
  for (const sleep of sleeps.filter((s) => s.until <= clock)) sleep.wake();
  sleeps = sleeps.filter((s) => s.until > clock);
}

/** Whether `promise` has settled once pending callbacks have run. */
async function isDone(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
}

beforeEach(() => {
  clock = 1_000_000;
  sleeps = [];
});

describe('answers in flight', () => {
  it('lets a tab with nothing in flight go at once', async () => {
    const answers = tracker();
    expect(await isDone(answers.settledFor(7))).toBe(true);
    answers.left(7, 'r1');
    answers.settled('r1');
    expect(await isDone(answers.settledFor(7))).toBe(true);
  });

  it('waits until every request the tab sent is answered or failed', async () => {
    const answers = tracker();
    answers.left(7, 'r1');
    answers.left(7, 'r2');
    const waiting = answers.settledFor(7);
    expect(await isDone(waiting)).toBe(false);
    answers.settled('r1');
    expect(await isDone(waiting)).toBe(false);
    answers.settled('r2');
    expect(await isDone(waiting)).toBe(true);
  });

  it('does not hold a tab back for another tab’s requests, or for requests of no tab', async () => {
    const answers = tracker();
    answers.left(8, 'r1');
    answers.left(-1, 'r2');
    expect(await isDone(answers.settledFor(7))).toBe(true);
    expect(await isDone(answers.settledFor(-1))).toBe(true);
    const other = answers.settledFor(8);
    answers.settled('unknown');
    expect(await isDone(other)).toBe(false);
  });

  it('waits no longer than its bound for an answer that never comes', async () => {
    const answers = tracker();
    answers.left(7, 'r1');
    const waiting = answers.settledFor(7);
    elapse(ANSWER_WAIT_MS - 1);
    expect(await isDone(waiting)).toBe(false);
    elapse(1);
    expect(await isDone(waiting)).toBe(true);
    // The next wait is bounded again, and a late answer still releases it.
    const again = answers.settledFor(7);
    expect(await isDone(again)).toBe(false);
    answers.settled('r1');
    expect(await isDone(again)).toBe(true);
  });

  it('forgets a request whose events were lost', async () => {
    const answers = tracker();
    answers.left(7, 'lost');
    elapse(FORGET_AFTER_MS + 1);
    expect(await isDone(answers.settledFor(7))).toBe(true);
  });

  it('remembers a bounded number of a tab’s requests, dropping the oldest', async () => {
    const answers = tracker();
    for (let i = 0; i <= MAX_PER_TAB; i++) answers.left(7, `r${i}`);
    const waiting = answers.settledFor(7);
    // r0 was dropped: the rest decide.
    for (let i = 1; i < MAX_PER_TAB; i++) answers.settled(`r${i}`);
    expect(await isDone(waiting)).toBe(false);
    answers.settled(`r${MAX_PER_TAB}`);
    expect(await isDone(waiting)).toBe(true);
  });
});
