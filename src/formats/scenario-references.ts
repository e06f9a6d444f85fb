/**
 * Reference checks over a built scenario, in play order: every service, task-definition family,
 * instance number, instance type and Availability Zone a step names must exist by then — created
 * by `initial` or by an earlier action. Problems go to the reporter at the exact field.
 */
import { INSTANCE_TYPES } from '../sim/index.ts';
import type { SimCommand } from '../sim/index.ts';
import type { PathSegment } from './diagnostics.ts';
import type { Reporter } from './diagnostic-reporter.ts';
import { didYouMean } from './scenario-spec.ts';
import type {
  InstanceSelector,
  Scenario,
  ScenarioCondition,
  ScenarioFocus,
  TaskSelector,
} from './scenario-types.ts';
import { parsePath } from './scenario-yaml.ts';

/** What the starting cluster has before `initial` adds to it. */
export interface ClusterFacts {
  readonly availabilityZones: readonly string[];
  /** Container instances registered in the starting cluster. */
  readonly instanceCount: number;
  /** Services of the starting cluster (the default cluster has `web` and `api`). */
  readonly services: readonly string[];
  /** Task definition families of the starting cluster, with their revision counts. */
  readonly families: Readonly<Record<string, number>>;
}

interface Known {
  families: Map<string, number>;
  services: Set<string>;
  instances: number;
  /** ECS Anywhere sites registered so far (they count as zones for selectors). */
  sites: Set<string>;
}

/** Checks every reference in `scenario`; reports through `report`. Pure apart from reporting. */
export function checkReferences(scenario: Scenario, facts: ClusterFacts, report: Reporter): void {
  const known: Known = {
    families: new Map(Object.entries(facts.families)),
    services: new Set(facts.services),
    sites: new Set<string>(),
    instances: facts.instanceCount,
  };
  const check = new ReferenceChecker(facts, known, report);
  scenario.initial.instances.forEach((inst, i) => {
    check.instanceType(['initial', 'instances', i, 'instanceType'], inst.instanceType);
    if (inst.availabilityZone !== undefined) {
      check.zone(['initial', 'instances', i, 'availabilityZone'], inst.availabilityZone);
    }
    known.instances++;
  });
  for (const td of scenario.initial.taskDefinitions) {
    known.families.set(td.family, (known.families.get(td.family) ?? 0) + 1);
  }
  scenario.initial.services.forEach((cmd, i) => check.command(['initial', 'services', i], cmd));
  const ids = new Set<string>();
  scenario.steps.forEach((step, s) => {
    if (step.id !== undefined) {
      if (ids.has(step.id))
        report.error(['steps', s, 'id'], `Step id "${step.id}" is used by an earlier step`);
      ids.add(step.id);
    }
    for (const action of step.actions) {
      const path = parsePath(action.source.path);
      if (action.kind === 'command') check.command(path, action.command);
      else if (action.kind === 'taskCommand') check.task([...path, 'task'], action.task);
      else if (action.kind === 'instanceCommand')
        check.instance([...path, 'instance'], action.instance);
      else if (action.kind === 'advanceUntil')
        check.condition([...path, 'condition'], action.condition);
      else if (action.kind === 'planned' && typeof action.fields.service === 'string') {
        check.service([...path, 'service'], action.fields.service);
      } else if (action.kind === 'invalid') {
        const { service, family, instance } = action.declares;
        if (service !== undefined) known.services.add(service);
        if (family !== undefined) known.families.set(family, (known.families.get(family) ?? 0) + 1);
        if (instance === true) known.instances++;
      }
    }
    step.expect.forEach((e) => check.condition(parsePath(e.source.path), e.condition));
    if (step.focus !== undefined) check.focus(['steps', s, 'focus'], step.focus);
    step.questions.forEach((q, i) => {
      if (q.answer >= q.choices.length) {
        report.error(
          ['steps', s, 'questions', i, 'answer'],
          `answer is the 0-based index of the right choice: ${q.answer} is past the last of ${q.choices.length} choices`,
        );
      }
    });
  });
}

class ReferenceChecker {
  constructor(
    private readonly facts: ClusterFacts,
    private readonly known: Known,
    private readonly report: Reporter,
  ) {}

  command(path: readonly PathSegment[], cmd: SimCommand): void {
    const at = (field: string): PathSegment[] => [...path, field];
    switch (cmd.type) {
      case 'REGISTER_TASK_DEFINITION': {
        const family = cmd.taskDefinition.family;
        this.known.families.set(family, (this.known.families.get(family) ?? 0) + 1);
        return;
      }
      case 'DEREGISTER_TASK_DEFINITION':
        return this.taskDefinition(at('taskDefinition'), cmd.taskDefinition, true);
      case 'CREATE_SERVICE':
        this.taskDefinition(at('taskDefinition'), cmd.taskDefinition, false);
        if (this.known.services.has(cmd.serviceName)) {
          this.report.error(
            at('serviceName'),
            `Service "${cmd.serviceName}" already exists at this point`,
          );
        }
        this.placement(path, cmd.placementStrategy);
        this.known.services.add(cmd.serviceName);
        return;
      case 'UPDATE_SERVICE':
        this.service(at('serviceName'), cmd.serviceName);
        if (cmd.taskDefinition !== undefined)
          this.taskDefinition(at('taskDefinition'), cmd.taskDefinition, false);
        this.placement(path, cmd.placementStrategy);
        return;
      case 'DELETE_SERVICE':
        this.service(at('serviceName'), cmd.serviceName);
        return;
      case 'RUN_TASK':
        this.taskDefinition(at('taskDefinition'), cmd.taskDefinition, false);
        this.placement(path, cmd.placementStrategy);
        return;
      case 'ADD_INSTANCE':
        this.instanceType(at('instanceType'), cmd.instanceType);
        if (cmd.availabilityZone !== undefined)
          this.zone(at('availabilityZone'), cmd.availabilityZone);
        this.known.instances++;
        return;
      case 'AZ_OUTAGE':
      case 'AZ_RESTORE':
        this.zone(at('availabilityZone'), cmd.availabilityZone);
        return;
      case 'ADD_SPOT_INSTANCE':
        this.instanceType(at('instanceType'), cmd.instanceType);
        if (cmd.availabilityZone !== undefined)
          this.zone(at('availabilityZone'), cmd.availabilityZone);
        this.known.instances++;
        return;
      case 'REGISTER_EXTERNAL_INSTANCE':
        this.known.sites.add(cmd.site);
        this.known.instances++;
        return;
      case 'SITE_DISCONNECT':
      case 'SITE_RECONNECT':
        if (!this.known.sites.has(cmd.site))
          this.report.error(at('site'), `No external instance is registered at site "${cmd.site}"`);
        return;
      case 'CREATE_CAPACITY_PROVIDER':
        this.instanceType(at('instanceType'), cmd.instanceType);
        return;
      default:
        // Traffic commands (load, load balancer, auto scaling) name an existing service.
        if ('serviceName' in cmd && typeof cmd.serviceName === 'string')
          this.service(at('serviceName'), cmd.serviceName);
        return;
    }
  }

  private placement(
    path: readonly PathSegment[],
    strategies: readonly { readonly type: string; readonly field?: string }[] | undefined,
  ): void {
    strategies?.forEach((s, i) => {
      // [ECS-API PlacementStrategy] binpack takes field cpu|memory; spread needs a field.
      if (s.type === 'binpack' && s.field !== 'cpu' && s.field !== 'memory') {
        this.report.error(
          [...path, 'placementStrategy', i, 'field'],
          'binpack needs field "cpu" or "memory"',
        );
      } else if (s.type === 'spread' && (s.field === undefined || s.field === '')) {
        this.report.error(
          [...path, 'placementStrategy', i],
          'spread needs a field (e.g. "attribute:ecs.availability-zone" or "instanceId")',
        );
      }
    });
  }

  service(path: readonly PathSegment[], name: string): void {
    if (this.known.services.has(name)) return;
    const names = [...this.known.services];
    this.report.error(
      path,
      `Service "${name}" is not created by \`initial\` or any earlier action${didYouMean(name, names)}` +
        (names.length > 0 ? ` (known: ${names.join(', ')})` : ''),
    );
  }

  family(path: readonly PathSegment[], family: string): void {
    if (this.known.families.has(family)) return;
    const names = [...this.known.families.keys()];
    this.report.error(
      path,
      `Task definition family "${family}" is not registered by \`initial\` or any earlier action${didYouMean(family, names)}` +
        (names.length > 0 ? ` (known: ${names.join(', ')})` : ''),
    );
  }

  /** "family" or "family:revision"; `needRevision` for DEREGISTER ("family:revision" only). */
  taskDefinition(path: readonly PathSegment[], ref: string, needRevision: boolean): void {
    const [family = '', revision] = ref.split(':');
    if (needRevision && revision === undefined) {
      this.report.error(path, `Expected "family:revision", got "${ref}"`);
      return;
    }
    if (!this.known.families.has(family)) return this.family(path, family);
    if (revision === undefined) return;
    const count = this.known.families.get(family) ?? 0;
    const n = Number(revision);
    if (!Number.isInteger(n) || n < 1 || n > count) {
      this.report.error(path, `"${ref}": family ${family} has revisions 1–${count} at this point`);
    }
  }

  instanceType(path: readonly PathSegment[], type: string): void {
    if (INSTANCE_TYPES[type] !== undefined || type === 'external') return;
    const types = Object.keys(INSTANCE_TYPES);
    this.report.error(
      path,
      `Unknown instance type "${type}"${didYouMean(type, types)} (simulated: ${types.join(', ')})`,
    );
  }

  zone(path: readonly PathSegment[], zone: string): void {
    const zones = this.facts.availabilityZones;
    if (zones.includes(zone) || this.known.sites.has(zone)) return;
    this.report.error(
      path,
      `Unknown Availability Zone "${zone}"${didYouMean(zone, zones)} (the cluster has ${zones.join(', ')})`,
    );
  }

  task(path: readonly PathSegment[], selector: TaskSelector): void {
    if (selector.service !== undefined) this.service([...path, 'service'], selector.service);
    if (selector.family !== undefined) this.family([...path, 'family'], selector.family);
    if (selector.availabilityZone !== undefined)
      this.zone([...path, 'availabilityZone'], selector.availabilityZone);
  }

  instance(path: readonly PathSegment[], selector: InstanceSelector): void {
    if (selector.ordinal !== undefined && selector.ordinal > this.known.instances) {
      this.report.error(
        path,
        `There ${this.known.instances === 1 ? 'is' : 'are'} only ${this.known.instances} instance(s) at this point; instance ${selector.ordinal} does not exist`,
      );
    }
    if (selector.availabilityZone !== undefined)
      this.zone([...path, 'availabilityZone'], selector.availabilityZone);
    if (selector.instanceType !== undefined)
      this.instanceType([...path, 'instanceType'], selector.instanceType);
  }

  condition(path: readonly PathSegment[], condition: ScenarioCondition): void {
    switch (condition.kind) {
      case 'service':
        return this.service([...path, 'service'], condition.service);
      case 'tasks':
        return this.task([...path, 'task'], condition.task);
      case 'taskDefinition':
        return this.family([...path, 'taskDefinition'], condition.family);
      case 'instances':
        if (condition.instances.availabilityZone !== undefined) {
          this.zone(
            [...path, 'instances', 'availabilityZone'],
            condition.instances.availabilityZone,
          );
        }
        return;
      case 'event':
      case 'pods':
      case 'deployment':
        return;
    }
  }

  focus(path: readonly PathSegment[], focus: ScenarioFocus): void {
    if (focus.kind === 'instance') {
      if (focus.instance === undefined)
        this.report.error(path, 'A focus of kind instance needs "instance"');
      else this.instance([...path, 'instance'], focus.instance);
    } else if (focus.kind === 'task') {
      if (focus.task === undefined) this.report.error(path, 'A focus of kind task needs "task"');
      else this.task([...path, 'task'], focus.task);
    } else if (typeof focus.name !== 'string') {
      this.report.error(path, `A focus of kind ${focus.kind} needs "name"`);
    } else if (focus.kind === 'service') this.service([...path, 'name'], focus.name);
    else if (focus.kind === 'taskDefinition') this.family([...path, 'name'], focus.name);
    else this.zone([...path, 'name'], focus.name);
  }
}
