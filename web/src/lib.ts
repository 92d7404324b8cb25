// The embeddable library: mount a playground into any element.
import './style.css';
export { mount } from './playground';
export type { Controller, MountOptions, PanelId, PlaygroundEvents } from './playground';
export type { Settings } from './settings/schema';
