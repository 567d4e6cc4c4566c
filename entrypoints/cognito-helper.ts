import { runCognitoHelper } from '../src/content/run-helper';

/** Detectors and filler: injected by the background into pages whose bridge asked for them. */
export default defineUnlistedScript(() => void runCognitoHelper());
