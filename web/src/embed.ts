// Embedding example: two independent playgrounds on one page, each with its
// own worker and engine, neither touching the URL.
import { mount, type Controller } from './lib';

const first = document.getElementById('first');
const second = document.getElementById('second');
const controllers: Controller[] = [];
if (first) controllers.push(mount(first, { initialHash: '#dataset=xor&networkShape=4&epochsPerFrame=5' }));
if (second)
  controllers.push(
    mount(second, {
      initialHash: '#dataset=gauss&networkShape=&learningRate=0.1',
      panels: { charts: false, activation: false },
    }),
  );
(window as unknown as { nnpEmbeds?: Controller[] }).nnpEmbeds = controllers;
