// @vitest-environment happy-dom
import { afterNextPaint, whenIdleAfterPaint } from './after-paint';

describe('afterNextPaint', () => {
  it('runs the task after the next frame, not before', async () => {
    const order: string[] = [];
    afterNextPaint(() => order.push('task'));
    requestAnimationFrame(() => order.push('frame'));
    expect(order).toEqual([]);
    await vi.waitFor(() => expect(order).toEqual(['frame', 'task']));
  });
});

describe('whenIdleAfterPaint', () => {
  it('runs the task after the next frame, once the page is idle', async () => {
    const order: string[] = [];
    const idle = vi.fn((task: () => void) => {
      order.push('idle asked');
      setTimeout(task, 0);
      return 1;
    });
    vi.stubGlobal('requestIdleCallback', idle);
    try {
      whenIdleAfterPaint(() => order.push('task'));
      requestAnimationFrame(() => order.push('frame'));
      expect(order).toEqual([]);
      await vi.waitFor(() => expect(order).toEqual(['frame', 'idle asked', 'task']));
      expect(idle).toHaveBeenCalledWith(expect.any(Function), { timeout: 1000 });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
