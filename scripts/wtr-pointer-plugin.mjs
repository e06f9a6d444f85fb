// @web/test-runner plugin: real touch and pen input for browser tests (issue 5). `sendMouse` only
// drives a mouse; this sends Chrome DevTools Protocol input events — Input.dispatchTouchEvent for a
// finger and Input.dispatchMouseEvent with pointerType "pen" for a stylus — so the page receives
// the browser's own pointer events (pointerType "touch" / "pen"), hit-tested and captured by
// Chromium as for real hardware. Command: `send-pointer` with
// { pointerType: 'touch' | 'pen', type: 'down' | 'move' | 'up', position: [x, y] }.
const sessions = new WeakMap();

async function cdp(page) {
  let client = sessions.get(page);
  if (client === undefined) {
    client = await page.createCDPSession();
    sessions.set(page, client);
  }
  return client;
}

export function pointerPlugin() {
  return {
    name: 'send-pointer',
    async executeCommand({ command, payload, session }) {
      if (command !== 'send-pointer') return undefined;
      const page = session.browser.getPage?.(session.id);
      if (page === undefined || typeof page.createCDPSession !== 'function')
        throw new Error('send-pointer needs the Chrome launcher (CDP)');
      const client = await cdp(page);
      const [x, y] = payload.position;
      if (payload.pointerType === 'touch') {
        const type = { down: 'touchStart', move: 'touchMove', up: 'touchEnd' }[payload.type];
        await client.send('Input.dispatchTouchEvent', {
          type,
          touchPoints:
            payload.type === 'up' ? [] : [{ x, y, id: 1, radiusX: 4, radiusY: 4, force: 1 }],
        });
        return true;
      }
      if (payload.pointerType === 'pen') {
        const type = { down: 'mousePressed', move: 'mouseMoved', up: 'mouseReleased' }[
          payload.type
        ];
        await client.send('Input.dispatchMouseEvent', {
          type,
          x,
          y,
          pointerType: 'pen',
          button: payload.type === 'move' ? (payload.pressed ? 'left' : 'none') : 'left',
          buttons: payload.type === 'up' ? 0 : payload.type === 'down' || payload.pressed ? 1 : 0,
          clickCount: payload.type === 'move' ? 0 : 1,
          force: payload.type === 'up' ? 0 : 0.5,
        });
        return true;
      }
      throw new Error(`send-pointer: unknown pointerType ${payload.pointerType}`);
    },
  };
}
