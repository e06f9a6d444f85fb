/**
 * Lifecycle policies [ECR-UG LifecyclePolicies] (reference A8): validation, preview and application.
 *
 * Evaluation as documented: rules are considered in rulePriority order (lowest first); an image that
 * matches a rule's tag selection is "claimed" by it and cannot be expired by any lower-priority rule,
 * so each image is expired by at most one rule. imageCountMoreThan sorts the rule's images newest →
 * oldest by push time and expires those beyond the count; sinceImagePushed expires those pushed more
 * than countNumber days ago. tagPrefixList matches when every prefix matches some tag of the image.
 * Real ECR expires images within 24 h of evaluation; here `applyLifecyclePolicy` expires at once and
 * the caller decides when to call it.
 */
import { invalidLifecyclePolicy } from './errors.ts';
import { getRepository, withRepository } from './repository.ts';
import type {
  EcrError,
  EcrImage,
  EcrResult,
  EcrState,
  LifecyclePolicy,
  LifecycleRule,
} from './types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Pure: checks a policy against the documented rules; returns the first violation as the
 * InvalidParameterException ECR would raise, or undefined when valid. (Messages are our wording.)
 */
export function validateLifecyclePolicy(policy: LifecyclePolicy): EcrError | undefined {
  const { rules } = policy;
  if (rules.length === 0) return invalidLifecyclePolicy('"rules" must contain at least one rule');
  const priorities = new Set<number>();
  let untagged = 0;
  const maxPriority = Math.max(...rules.map((r) => r.rulePriority));
  for (const rule of rules) {
    const { rulePriority: p, selection: s } = rule;
    if (!Number.isInteger(p) || p < 1)
      return invalidLifecyclePolicy(`rulePriority ${p} must be a positive integer`);
    if (priorities.has(p)) return invalidLifecyclePolicy(`rulePriority ${p} is not unique`);
    priorities.add(p);
    const prefixes = s.tagPrefixList ?? [];
    if (s.tagStatus === 'tagged' && prefixes.length === 0) {
      return invalidLifecyclePolicy(
        `rule ${p}: tagPrefixList is required when tagStatus is tagged`,
      );
    }
    if (s.tagStatus !== 'tagged' && s.tagPrefixList !== undefined) {
      return invalidLifecyclePolicy(
        `rule ${p}: tagPrefixList is only allowed when tagStatus is tagged`,
      );
    }
    if (s.countType === 'sinceImagePushed' && s.countUnit !== 'days') {
      return invalidLifecyclePolicy(
        `rule ${p}: countUnit "days" is required with sinceImagePushed`,
      );
    }
    if (s.countType === 'imageCountMoreThan' && s.countUnit !== undefined) {
      return invalidLifecyclePolicy(`rule ${p}: countUnit is not allowed with imageCountMoreThan`);
    }
    if (!Number.isInteger(s.countNumber) || s.countNumber < 1) {
      return invalidLifecyclePolicy(`rule ${p}: countNumber must be a positive integer`);
    }
    if (s.tagStatus === 'untagged') untagged++;
    // `any` must be evaluated last: it has to carry the highest rulePriority.
    if (s.tagStatus === 'any' && p !== maxPriority) {
      return invalidLifecyclePolicy(
        `rule ${p}: a rule with tagStatus any must have the highest rulePriority`,
      );
    }
  }
  if (untagged > 1) return invalidLifecyclePolicy('only one rule may select untagged images');
  return undefined;
}

/** Pure: PutLifecyclePolicy: validates, then stores the policy on the repository. */
export function putLifecyclePolicy(
  state: EcrState,
  repositoryName: string,
  policy: LifecyclePolicy,
): EcrResult<LifecyclePolicy> {
  const found = getRepository(state, repositoryName);
  if (!found.ok) return found;
  const invalid = validateLifecyclePolicy(policy);
  if (invalid) return { ok: false, error: invalid };
  return {
    ok: true,
    state: withRepository(state, { ...found.repository, lifecyclePolicy: policy }),
    value: policy,
  };
}

function selects(rule: LifecycleRule, image: EcrImage): boolean {
  const tags = image.imageTags;
  switch (rule.selection.tagStatus) {
    case 'any':
      return true;
    case 'untagged':
      return tags.length === 0;
    case 'tagged':
      return (rule.selection.tagPrefixList ?? []).every((prefix) =>
        tags.some((t) => t.startsWith(prefix)),
      );
  }
}

/** One image a policy would expire (a LifecyclePolicyPreviewResult). */
export interface LifecycleExpiry {
  readonly imageDigest: string;
  readonly imageTags: readonly string[];
  readonly imagePushedAt: number;
  readonly appliedRulePriority: number;
}

/** Pure: the images `policy` would expire from `images` at `now` (nothing is changed). */
export function evaluateLifecyclePolicy(
  policy: LifecyclePolicy,
  images: readonly EcrImage[],
  now: number,
): readonly LifecycleExpiry[] {
  const newestFirst = [...images].sort(
    (a, b) => b.imagePushedAt - a.imagePushedAt || a.imageDigest.localeCompare(b.imageDigest),
  );
  const claimed = new Set<string>();
  const expired: LifecycleExpiry[] = [];
  const rules = [...policy.rules].sort((a, b) => a.rulePriority - b.rulePriority);
  for (const rule of rules) {
    const matched = newestFirst.filter(
      (img) => !claimed.has(img.imageDigest) && selects(rule, img),
    );
    for (const img of matched) claimed.add(img.imageDigest);
    const { countType, countNumber } = rule.selection;
    const doomed =
      countType === 'imageCountMoreThan'
        ? matched.slice(countNumber)
        : matched.filter((img) => now - img.imagePushedAt > countNumber * DAY_MS);
    for (const img of doomed) {
      expired.push({
        imageDigest: img.imageDigest,
        imageTags: img.imageTags,
        imagePushedAt: img.imagePushedAt,
        appliedRulePriority: rule.rulePriority,
      });
    }
  }
  return expired;
}

/**
 * Pure: runs the repository's lifecycle policy at `now`, deleting the expired images. Fails with
 * LifecyclePolicyNotFoundException when the repository has no policy.
 */
export function applyLifecyclePolicy(
  state: EcrState,
  repositoryName: string,
  now: number,
): EcrResult<readonly LifecycleExpiry[]> {
  const found = getRepository(state, repositoryName);
  if (!found.ok) return found;
  const policy = found.repository.lifecyclePolicy;
  if (!policy) {
    return {
      ok: false,
      error: {
        code: 'LifecyclePolicyNotFoundException',
        message:
          `Lifecycle policy does not exist for the repository with name '${repositoryName}' ` +
          `in the registry with id '${state.registryId}'`,
      },
    };
  }
  const expired = evaluateLifecyclePolicy(policy, Object.values(found.repository.images), now);
  const images = { ...found.repository.images };
  for (const e of expired) delete images[e.imageDigest];
  return {
    ok: true,
    state: withRepository(state, { ...found.repository, images }),
    value: expired,
  };
}
