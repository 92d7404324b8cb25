// The full page: one playground with every panel, its settings in the URL.
import './style.css';
import './styles/a11y.css';
import './styles/goals.css';
import './styles/lesson-maker.css'; // the Make a lesson dialog: the full page only
import { mount } from './playground';

const app = document.getElementById('app');
if (app) {
  const controller = mount(app, { hash: true });
  // A read-only handle for the end-to-end tests and the browser console.
  (window as unknown as { nnp?: typeof controller }).nnp = controller;
}
