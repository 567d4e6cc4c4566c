import { classifySender } from './sender';

const ours = { id: 'keyfob-id', origin: 'chrome-extension://keyfob-id' };

describe('classifySender', () => {
  it('recognises the popup, also when it is opened in a tab', () => {
    const url = 'chrome-extension://keyfob-id/popup.html';
    expect(classifySender({ id: 'keyfob-id', url }, ours)).toEqual({ kind: 'extension-page' });
    expect(classifySender({ id: 'keyfob-id', url, tab: { id: 4 } }, ours)).toEqual({
      kind: 'extension-page',
    });
  });

  it('takes a content script’s origin from the browser, with tab and frame', () => {
    expect(
      classifySender(
        {
          id: 'keyfob-id',
          url: 'https://app.example.com:8443/setup?x=1',
          tab: { id: 7 },
          frameId: 2,
        },
        ours,
      ),
    ).toEqual({
      kind: 'content-script',
      tabId: 7,
      frameId: 2,
      origin: 'https://app.example.com:8443',
    });
  });

  it('refuses another extension, even one that claims our pages', () => {
    expect(
      classifySender({ id: 'evil-id', url: 'chrome-extension://keyfob-id/popup.html' }, ours),
    ).toBeNull();
  });

  it('refuses a content script without a tab and one whose reported origins disagree', () => {
    expect(classifySender({ id: 'keyfob-id', url: 'https://a.example' }, ours)).toBeNull();
    expect(
      classifySender(
        { id: 'keyfob-id', url: 'https://a.example/', origin: 'https://b.example', tab: { id: 1 } },
        ours,
      ),
    ).toBeNull();
  });

  it('refuses opaque origins (sandboxed frames, data: URLs) and senders without a URL', () => {
    expect(
      classifySender({ id: 'keyfob-id', url: 'data:text/html,hi', tab: { id: 1 } }, ours),
    ).toBeNull();
    expect(classifySender({ id: 'keyfob-id', tab: { id: 1 } }, ours)).toBeNull();
  });

  it('refuses a page of ours whose reported origin is someone else’s', () => {
    expect(
      classifySender(
        {
          id: 'keyfob-id',
          url: 'chrome-extension://keyfob-id/popup.html',
          origin: 'https://evil.example',
        },
        ours,
      ),
    ).toBeNull();
  });
});
