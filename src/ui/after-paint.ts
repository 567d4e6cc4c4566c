/**
 * Runs `task` once the page has drawn its next frame: for work a page needs soon but not before
 * its first paint (issue 10). In a page that is not shown (a tab in the background), it waits
 * until the page shows and draws.
 */
export function afterNextPaint(task: () => void): void {
  // The frame's callbacks run before it is drawn; the timer's task runs after.
  requestAnimationFrame(() => setTimeout(task, 0));
}

/**
 * Runs `task` once the page has drawn its next frame and then finds itself idle (within a
 * second at most): for work nothing on screen waits for, kept out of the frames that follow
 * the first paint, where a click on a code would otherwise wait for it.
 */
export function whenIdleAfterPaint(task: () => void): void {
  afterNextPaint(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 1000 });
    else task();
  });
}
