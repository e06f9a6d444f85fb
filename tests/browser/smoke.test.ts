import { expect } from '@open-wc/testing';
import { Application, Graphics } from 'pixi.js';

describe('browser test pipeline', () => {
  it('renders a Pixi scene with WebGL in headless Chromium', async () => {
    const app = new Application();
    await app.init({ width: 64, height: 64, background: '#000000', preference: 'webgl' });
    document.body.appendChild(app.canvas);
    app.stage.addChild(new Graphics().rect(0, 0, 64, 64).fill(0xff0000));
    app.render();
    const pixels = app.renderer.extract.pixels({ target: app.stage, frame: undefined as never });
    expect(pixels.pixels[0]).to.equal(255);
    expect(app.renderer.name).to.equal('webgl');
    app.destroy(true);
  });
});
