import { render } from 'preact';
import { createMessageClient } from '@/src/messaging';
import { App } from '@/src/ui';
import '@/src/ui/styles/popup.css';

render(<App send={createMessageClient()} />, document.getElementById('app')!);
