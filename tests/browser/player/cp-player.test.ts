import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/ui/cp-player.ts';
import '../../../src/ui/cp-caption.ts';
import type { CpPlayer } from '../../../src/ui/cp-player.ts';
import type { CpCaption } from '../../../src/ui/cp-caption.ts';
import { ScenarioSession } from '../../../src/ui/scenario-session.ts';
import { part, settle, shadow } from '../ui/ui-harness.ts';
import { TEST_SCENARIO, parse } from './player-fixtures.ts';

async function mountBar(session = new ScenarioSession(parse(TEST_SCENARIO))) {
  const bar = await fixture<CpPlayer>(
    html`<cp-player no-ticker .player=${session.player}></cp-player>`,
  );
  return { session, bar, ctx: () => session.player.getSnapshot().context };
}

const click = async (el: HTMLElement, selector: string): Promise<void> => {
  part<HTMLButtonElement>(el, selector).click();
  await settle(el);
};

describe('<cp-player> (the player bar)', () => {
  it('next and previous step move exactly: end of step, start of next, and back', async () => {
    const { session, bar, ctx } = await mountBar();
    const start = ctx().position.progress.state;
    await click(bar, 'button.next');
    expect(ctx().position.stepIndex).to.equal(0);
    expect(ctx().position.done).to.equal(true);
    await click(bar, 'button.next');
    expect(ctx().position.stepIndex).to.equal(1);
    expect(ctx().position.done).to.equal(false);
    await click(bar, 'button.next');
    const endOfCrash = ctx().position.progress.state;
    expect(ctx().position.done).to.equal(true);
    await click(bar, 'button.prev');
    await click(bar, 'button.next');
    expect(ctx().position.progress.state, 'replay gives the same state object').to.equal(
      endOfCrash,
    );
    // The view actor that the canvas and panels read mirrors the player exactly.
    expect(session.view.getSnapshot().context.sim).to.equal(endOfCrash);
    await click(bar, 'button.restart');
    expect(ctx().position.stepIndex).to.equal(0);
    expect(ctx().position.progress.state).to.equal(start);
    session.dispose();
  });

  it('play and pause toggle the machine and the button label', async () => {
    const { session, bar } = await mountBar();
    const play = part<HTMLButtonElement>(bar, 'button.play');
    expect(play.getAttribute('aria-label')).to.equal('Play');
    await click(bar, 'button.play');
    expect(session.player.getSnapshot().value).to.equal('playing');
    expect(part(bar, 'button.play').getAttribute('aria-label')).to.equal('Pause');
    await click(bar, 'button.play');
    expect(session.player.getSnapshot().value).to.equal('paused');
    session.dispose();
  });

  it('the ticker plays a step in simulated time while playing', async () => {
    const session = new ScenarioSession(parse(TEST_SCENARIO), { step: 2, speed: 64 });
    const bar = await fixture<CpPlayer>(html`<cp-player .player=${session.player}></cp-player>`);
    const before = session.player.getSnapshot().context.position.progress.state.now;
    part<HTMLButtonElement>(bar, 'button.play').click();
    const end = performance.now() + 8000;
    while (session.player.getSnapshot().context.position.progress.state.now === before) {
      if (performance.now() > end) throw new Error('time never moved');
      await new Promise((r) => requestAnimationFrame(r));
    }
    expect(session.player.getSnapshot().context.position.progress.state.now).to.be.above(before);
    session.dispose();
  });

  it('the timeline jumps to any step and marks judged steps ✓ / ✗', async () => {
    const { session, bar, ctx } = await mountBar();
    const marks = () => [...shadow(bar).querySelectorAll<HTMLButtonElement>('.timeline button')];
    expect(marks().map((b) => b.textContent?.trim())).to.deep.equal(['1', '2', '3']);
    marks()[2]!.click();
    await settle(bar);
    expect(ctx().position.stepIndex).to.equal(2);
    expect(marks()[2]!.getAttribute('aria-current')).to.equal('step');
    await click(bar, 'button.next');
    // Jumping to step 3 replayed steps 1 and 2 (both hold); step 3's expectation fails.
    expect(marks().map((b) => b.className)).to.deep.equal(['ok', 'ok', 'fail']);
    expect(marks()[2]!.textContent).to.contain('✗');
    session.dispose();
  });

  it('the slider scrubs and the speed menu sets the speed', async () => {
    const { session, bar, ctx } = await mountBar();
    const scrub = part<HTMLInputElement>(bar, 'input.scrub');
    scrub.value = '2';
    scrub.dispatchEvent(new Event('input'));
    expect(ctx().position.stepIndex).to.equal(1);
    const speed = part<HTMLSelectElement>(bar, 'select.speed');
    speed.value = '8';
    speed.dispatchEvent(new Event('change'));
    expect(ctx().speed).to.equal(8);
    await settle(bar);
    expect(part<HTMLSelectElement>(bar, 'select.speed').value).to.equal('8');
    session.dispose();
  });

  it('"Leave scenario" fires the leave event; presenter mode shows a status line only', async () => {
    const { session, bar } = await mountBar();
    let left = 0;
    bar.addEventListener('cp-leave-scenario', () => left++);
    await click(bar, 'button.leave');
    expect(left).to.equal(1);
    bar.present = true;
    await settle(bar);
    expect(shadow(bar).querySelector('button')).to.equal(null);
    expect(part(bar, '.status').textContent).to.match(/Step 1 of 3/);
    session.dispose();
  });
});

describe('<cp-caption> (narration)', () => {
  async function mountCaption(step?: number) {
    const session = new ScenarioSession(parse(TEST_SCENARIO), step === undefined ? {} : { step });
    const caption = await fixture<CpCaption>(
      html`<cp-caption .player=${session.player}></cp-caption>`,
    );
    return { session, caption };
  }

  it('renders bold and code as elements and any HTML in the file as plain text', async () => {
    const { session, caption } = await mountCaption();
    session.player.send({ type: 'JUMP', step: 0 });
    await settle(caption);
    const p = part(caption, '.step-narration');
    expect([...p.querySelectorAll('strong')].map((e) => e.textContent)).to.deep.equal(['api']);
    expect([...p.querySelectorAll('code')].map((e) => e.textContent)).to.deep.equal([
      'nginx:latest',
    ]);
    expect(shadow(caption).querySelector('img, b'), 'no markup from the file').to.equal(null);
    expect(p.textContent).to.contain('<img src=x onerror=alert(1)>');
    expect(p.textContent).to.contain('<b>not bold</b>');
    session.dispose();
  });

  it('shows the scenario summary at the very start, then the step', async () => {
    const { session, caption } = await mountCaption();
    expect(part(caption, '.scenario-title').textContent).to.equal('Player test');
    expect(part(caption, '.summary strong').textContent).to.equal('bold');
    expect(part(caption, '.step-title').textContent).to.equal('Look at the cluster');
    session.dispose();
  });

  it('expectations: pending before the step ends, ✓ when they hold, ✗ with the actual value', async () => {
    const { session, caption } = await mountCaption(3);
    expect(part(caption, '.pending').textContent).to.match(/1 expectation checked when this step/);
    session.player.send({ type: 'NEXT' });
    await settle(caption);
    const fail = part(caption, 'li.fail.expectation');
    expect(fail.textContent).to.contain('✗');
    expect(fail.textContent).to.contain('service api: desiredCount = 9');
    expect(fail.textContent).to.contain('actual: desired 4');
    session.player.send({ type: 'JUMP', step: 0, at: 'end' });
    await settle(caption);
    expect(part(caption, 'li.ok.expectation').textContent).to.contain('✓');
    expect(shadow(caption).querySelector('li.fail')).to.equal(null);
    session.dispose();
  });

  it('a question is answered, then explained; a wrong answer shows the right one', async () => {
    const { session, caption } = await mountCaption(3);
    expect(shadow(caption).querySelector('.question'), 'questions come after the step').to.equal(
      null,
    );
    session.player.send({ type: 'NEXT' });
    await settle(caption);
    expect(part(caption, '.question p').textContent).to.equal('Who replaced the crashed task?');
    const choices = () => [
      ...shadow(caption).querySelectorAll<HTMLButtonElement>('.choices button'),
    ];
    expect(shadow(caption).querySelector('.explanation')).to.equal(null);
    choices()[0]!.click();
    await settle(caption);
    expect(session.player.getSnapshot().context.answers['2:0']).to.equal(0);
    expect(part(caption, '.verdict').textContent).to.contain('Not quite');
    expect(part(caption, '.verdict').textContent).to.contain('The ECS service scheduler');
    expect(part(caption, '.explanation strong:not(.verdict)').textContent).to.equal(
      'service scheduler',
    );
    expect(choices().every((b) => b.disabled)).to.equal(true);
    expect(choices()[1]!.className).to.equal('correct');
    expect(choices()[0]!.className).to.equal('wrong');
    session.dispose();
  });
});
