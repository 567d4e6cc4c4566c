// @vitest-environment happy-dom
import { afterNextPaint } from './after-paint';

describe('afterNextPaint', () => {
  it('runs the task after the next frame, not before', async () => {
    const order: string[] = [];
    afterNextPaint(() => order.push('task'));
    requestAnimationFrame(() => order.push('frame'));
    expect(order).toEqual([]);
    await vi.waitFor(() => expect(order).toEqual(['frame', 'task']));
  });
});
