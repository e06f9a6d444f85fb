/**
 * `<cp-eks-controls>`: creates the EKS cluster and switches what the canvas shows — the ECS
 * cluster, the EKS cluster, or both side by side. Sends CREATE_EKS (EKS in the Region, or EKS
 * Anywhere at an on-premises site) / SET_VIEW only. While a scenario plays (`views-only`, set by
 * <cp-app>) only the view switch is offered: the scenario owns its cluster, but the learner still
 * chooses what to look at (ecs-or-eks.yaml asks for Side by side).
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ClusterView } from '../machine/index.ts';
import { ActorController } from './actor-controller.ts';
import { ensureEksRuntime } from './eks-loader.ts';
import { controlStyles } from './shared-styles.ts';

const LABELS: Readonly<Record<ClusterView, string>> = {
  ECS: 'ECS',
  EKS: 'EKS',
  SIDE_BY_SIDE: 'Side by side',
};

@customElement('cp-eks-controls')
export class CpEksControls extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        gap: 4px;
        align-items: center;
      }
      button[aria-pressed='true'] {
        background: var(--cp-accent, #2f6feb);
        color: var(--cp-accent-text, #fff);
        border-color: var(--cp-accent, #2f6feb);
      }
    `,
  ];

  /** Only the view switch (a scenario plays: its cluster is not the learner's to change). */
  @property({ type: Boolean, attribute: 'views-only' }) viewsOnly = false;

  private readonly cluster = new ActorController(this, (s) => ({
    view: s.context.view,
    hasK8s: s.context.sim.eks !== undefined,
    hasNodePool: Object.keys(s.context.sim.eks?.nodePools ?? {}).length > 0,
    anywhere: s.context.sim.eks?.anywhere !== undefined,
  }));

  override render() {
    const v = this.cluster.value;
    if (!v || (this.viewsOnly && !v.hasK8s)) return html``;
    if (!v.hasK8s)
      return html`<button
          class="create-eks"
          title="Create an EKS cluster: managed control plane over 3 AZs, a node group of 3 m5.large, a Fargate profile"
          @click=${async () => {
            await ensureEksRuntime(this.cluster.actor);
            this.cluster.send({ type: 'CREATE_EKS' });
          }}
        >
          Create EKS cluster
        </button>
        <button
          class="create-eks-anywhere"
          title="Create an EKS Anywhere cluster at an on-premises site: EKS Distro on your own machines — 3 control-plane machines you run, 3 worker machines, no Fargate, no EKS hourly charge"
          @click=${async () => {
            await ensureEksRuntime(this.cluster.actor);
            this.cluster.send({
              type: 'CREATE_EKS',
              command: {
                type: 'CREATE_EKS_CLUSTER',
                clusterName: 'onprem-eks',
                anywhere: { site: 'dc1' },
              },
            });
          }}
        >
          Create EKS Anywhere cluster
        </button>`;
    return html`<span role="group" aria-label="Clusters shown">
        ${(Object.keys(LABELS) as ClusterView[]).map(
          (view) =>
            html`<button
              aria-pressed=${v.view === view ? 'true' : 'false'}
              data-view=${view}
              @click=${() => this.cluster.send({ type: 'SET_VIEW', view })}
            >
              ${LABELS[view]}
            </button>`,
        )}
      </span>
      ${
        v.hasNodePool || v.anywhere || this.viewsOnly
          ? null
          : html`<button
              class="add-nodepool"
              title="Karpenter NodePool 'default': launches right-sized EC2 nodes (c5.large, m5.large, r5.large, m5.xlarge) for Unschedulable pods, consolidates empty or underutilised ones"
              @click=${() =>
                this.cluster.send({
                  type: 'COMMAND',
                  command: {
                    type: 'EKS_COMMAND',
                    command: { type: 'ADD_NODE_POOL', name: 'default' },
                  },
                })}
            >
              Add Karpenter NodePool
            </button>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-eks-controls': CpEksControls;
  }
}
