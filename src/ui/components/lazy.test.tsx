// @vitest-environment happy-dom
import { render, screen } from '@testing-library/preact';
import { lazyView } from './lazy';

function Hello({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

it('shows the view once its code is in, with the props it was given', async () => {
  const load = vi.fn(() => Promise.resolve(Hello));
  const View = lazyView(load);
  const { container } = render(<View name="Ada" />);
  expect(container.textContent).toBe('');
  expect(await screen.findByText('Hello Ada')).toBeTruthy();
  expect(load).toHaveBeenCalledTimes(1);
});

it('fetches once however often it is prefetched and shown, and shows at once after that', async () => {
  const load = vi.fn(() => Promise.resolve(Hello));
  const View = lazyView(load);
  await Promise.all([View.prefetch(), View.prefetch()]);
  const { container } = render(<View name="Grace" />);
  expect(container.textContent).toBe('Hello Grace');
  expect(load).toHaveBeenCalledTimes(1);
});
