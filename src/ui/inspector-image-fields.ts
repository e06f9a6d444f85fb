/**
 * Pure: the inspector's image and patching lines — a task's image pull (progress, bytes, cached
 * layers, the digest each container's image resolved to, or the CannotPullContainerError) and an EC2
 * instance's AMI against the latest ECS-optimized release ("outdated AMI": drain and replace it).
 */
import type { ContainerInstance, SimState, Task } from '../sim/index.ts';
import type { Field } from './inspector-fields.ts';

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const short = (digest: string): string => `${digest.slice(0, 19)}…`;

/** Image lines of a task (none when pulls are not modelled). */
export function taskImageFields(task: Task, sim: SimState): Field[] {
  const pull = task.imagePull;
  if (!pull) return [];
  const out: Field[] = [];
  const cached = `${pull.layersCached} of ${pull.layers} layers cached`;
  if (pull.error !== undefined) {
    out.push({
      name: 'image pull',
      value: `failed (${pull.failedContainer ?? 'container'})`,
      tone: 'bad',
    });
  } else if (task.lastStatus === 'PENDING' && sim.now < pull.endsAt) {
    const span = Math.max(1, pull.endsAt - pull.startedAt);
    const pct = Math.round((100 * Math.max(0, sim.now - pull.startedAt)) / span);
    out.push({
      name: 'image pull',
      value: `pulling ${pct}% — ${mb(pull.bytesToDownload)} to download, ${cached}`,
    });
  } else {
    out.push({
      name: 'image pull',
      value: `pulled in ${((pull.endsAt - pull.startedAt) / 1000).toFixed(0)} s — ${mb(pull.bytesToDownload)} downloaded, ${task.launchType === 'FARGATE' ? 'Fargate keeps no layer cache' : cached}`,
      tone: 'good',
    });
  }
  for (const [name, digest] of Object.entries(pull.digests ?? {}))
    out.push({ name: `imageDigest (${name})`, value: short(digest) });
  return out;
}

/** AMI line of an EC2 container instance (external instances run your own OS: none). */
export function instanceAmiFields(instance: ContainerInstance, sim: SimState): Field[] {
  const ami = instance.attributes['ecs.ami-id'];
  if (instance.external || ami === undefined) return [];
  const latest = sim.patching?.latestAmi;
  if (latest === undefined || ami === latest)
    return [{ name: 'AMI (ecs.ami-id)', value: latest === undefined ? ami : `${ami} (latest)` }];
  return [
    {
      name: 'AMI (ecs.ami-id)',
      value: `${ami} — outdated AMI: ${latest} is out; drain and replace this instance`,
      tone: 'bad',
    },
  ];
}
