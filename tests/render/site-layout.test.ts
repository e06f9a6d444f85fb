/**
 * ECS Anywhere sites on the canvas: external instances sit in an on-premises site column drawn
 * apart from the Region's AZ columns (after a gap, no Fargate area), with the link state.
 */
import { describe, expect, it } from 'vitest';
import { GEOMETRY, layoutCluster, type Rect } from '../../src/render/layout.ts';
import { advance } from '../../src/sim/advance.ts';
import { applyCommand } from '../../src/sim/apply-command.ts';
import type { SimCommand } from '../../src/sim/commands.ts';
import { createDefaultCluster } from '../../src/sim/index.ts';
import type { SimState } from '../../src/sim/model.ts';

const VIEW = { width: 1280, height: 720 };

function apply(s: SimState, c: SimCommand): SimState {
  const r = applyCommand(s, c);
  if (r.error) throw new Error(r.error);
  return r.state;
}

function inside(inner: Rect, outer: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.w <= outer.x + outer.w &&
    inner.y + inner.h <= outer.y + outer.h
  );
}

export function bankSite(): SimState {
  let s = createDefaultCluster(5);
  s = apply(s, { type: 'REGISTER_EXTERNAL_INSTANCE', site: 'bank-dc' });
  s = apply(s, { type: 'REGISTER_EXTERNAL_INSTANCE', site: 'bank-dc' });
  return advance(s, 30_000);
}

describe('on-premises site layout', () => {
  it('puts external instances in a site column after the AZs, apart by the site gap', () => {
    const s = bankSite();
    const layout = layoutCluster(s, VIEW);
    const site = layout.azColumns.find((c) => c.az === 'bank-dc');
    expect(site?.site).toBe(true);
    expect(site?.linkDown).toBe(false);
    const azs = layout.azColumns.filter((c) => !c.site);
    expect(azs.map((c) => c.az)).toEqual([...s.cluster.availabilityZones]);
    const lastAz = azs[azs.length - 1]!;
    expect(site!.x - (lastAz.x + lastAz.w)).toBe(GEOMETRY.columnGap + GEOMETRY.siteGap);
    expect(layout.width).toBeGreaterThanOrEqual(site!.x + site!.w);
    const external = Object.values(s.instances).filter((i) => i.external);
    expect(external).toHaveLength(2);
    for (const i of external) {
      const box = layout.instances.get(i.id)!;
      expect(box.az).toBe('bank-dc');
      expect(inside(box, site!)).toBe(true);
    }
    for (const i of Object.values(s.instances).filter((x) => !x.external))
      expect(inside(layout.instances.get(i.id)!, site!)).toBe(false);
    expect(layout.fargateAreas.has('bank-dc')).toBe(false);
  });

  it('shows the link down while the site is disconnected, and up again after reconnecting', () => {
    let s = apply(bankSite(), { type: 'SITE_DISCONNECT', site: 'bank-dc' });
    expect(layoutCluster(s, VIEW).azColumns.find((c) => c.site)?.linkDown).toBe(true);
    s = apply(s, { type: 'SITE_RECONNECT', site: 'bank-dc' });
    expect(layoutCluster(s, VIEW).azColumns.find((c) => c.site)?.linkDown).toBe(false);
  });
});
