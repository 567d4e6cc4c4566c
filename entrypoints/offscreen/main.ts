import { listenForClipboardChores } from '@/src/background/offscreen-clipboard';

listenForClipboardChores(document);
