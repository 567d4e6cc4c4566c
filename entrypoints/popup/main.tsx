import { render } from 'preact';
render(<p>Keyfob</p>, document.getElementById('app')!);
