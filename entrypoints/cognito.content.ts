import { runCognitoContentScript } from '../src/content';
import { contentScriptMatches, isE2eBuild } from '../src/content/matches';

export default defineContentScript({
  matches: contentScriptMatches(isE2eBuild()),
  runAt: 'document_end',
  main: (ctx) => void runCognitoContentScript(ctx),
});
