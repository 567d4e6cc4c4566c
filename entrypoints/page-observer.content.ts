import { contentScriptMatches, isE2eBuild } from '../src/content/matches';
import { installPageObserver } from '../src/content/observer';

export default defineContentScript({
  matches: contentScriptMatches(isE2eBuild()),
  runAt: 'document_start',
  world: 'MAIN',
  main: () => void installPageObserver(window),
});
