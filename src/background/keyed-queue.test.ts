import { createKeyedQueue } from './keyed-queue';

describe('keyed queue', () => {
  it('runs one key’s tasks in order, one at a time', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    let release!: () => void;
    const first = queue.run('a', async () => {
      log.push('first starts');
      await new Promise<void>((resolve) => (release = resolve));
      log.push('first ends');
    });
    const second = queue.run('a', async () => {
      log.push('second');
    });
    await Promise.resolve();
    expect(log).toEqual(['first starts']);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['first starts', 'first ends', 'second']);
  });

  it('a stuck key does not hold up another', async () => {
    const queue = createKeyedQueue();
    void queue.run('slow.example', () => new Promise<never>(() => {}));
    await expect(queue.run('other.example', async () => 'done')).resolves.toBe('done');
  });

  it('a failed task does not stop the next one of its key', async () => {
    const queue = createKeyedQueue();
    await expect(queue.run('a', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(queue.run('a', async () => 1)).resolves.toBe(1);
  });
});
