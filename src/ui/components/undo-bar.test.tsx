// @vitest-environment happy-dom
import { fireEvent, render, screen } from '@testing-library/preact';
import { UNDO_SHOW_MS, UndoBar } from './undo-bar';

describe('UndoBar', () => {
  afterEach(() => vi.useRealTimers());

  it('offers Undo with its message, then runs out once', () => {
    vi.useFakeTimers();
    const onUndo = vi.fn();
    const onExpire = vi.fn();
    render(<UndoBar message="Deleted GitHub (alice)" onUndo={onUndo} onExpire={onExpire} />);
    expect(screen.getByText('Deleted GitHub (alice)')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(onUndo).toHaveBeenCalledTimes(1);

    vi.advanceTimersByTime(UNDO_SHOW_MS - 1);
    expect(onExpire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('starts over for a new message', () => {
    vi.useFakeTimers();
    const onExpire = vi.fn();
    const { rerender } = render(
      <UndoBar message="Deleted a" onUndo={() => {}} onExpire={onExpire} />,
    );
    vi.advanceTimersByTime(UNDO_SHOW_MS - 1);
    rerender(<UndoBar message="Deleted b" onUndo={() => {}} onExpire={onExpire} />);
    vi.advanceTimersByTime(UNDO_SHOW_MS - 1);
    expect(onExpire).not.toHaveBeenCalled();
  });
});
