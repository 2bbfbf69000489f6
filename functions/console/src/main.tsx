import { render } from 'preact';
import { App } from './app';
import { loadAuthConfig } from './auth/config';
import { lang } from './i18n';
import './styles.css';

document.documentElement.lang = lang.value;
const root = document.getElementById('app');
if (root) {
  loadAuthConfig().then((config) => render(<App config={config} />, root));
}
