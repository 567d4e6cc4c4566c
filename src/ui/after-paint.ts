/**
 * Runs `task` once the page has drawn its next frame: for work a page needs soon but not before
 * its first paint (issue 10). In a page that is not shown (a tab in the background), it waits
 * until the page shows and draws.
 */
export function afterNextPaint(task: () => void): void {
  // The frame's callbacks run before it is drawn; the timer's task runs after.
  requestAnimationFrame(() => setTimeout(task, 0));
}
