import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createMessageClient } from '@/src/messaging';
import { App } from '@/src/ui';
import '@/src/ui/styles/popup.css';

render(
  <App send={createMessageClient()} openOptions={() => browser.runtime.openOptionsPage()} />,
  document.getElementById('app')!,
);
