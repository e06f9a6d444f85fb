/**
 * `cluster-playground validate FILE...`: checks each file with the validator for its extension.
 * Exit 0 when all are valid, 1 when any is invalid, 2 when a file cannot be read or parsed.
 */
import type { CliIo, ExitCode } from './cli-io.ts';
import { EXIT, worstExit } from './cli-io.ts';
import type { CliCommand } from './command-table.ts';
import { looksLikeScenario, validateScenarioFile } from './run-command.ts';
import { validateManifestFile } from './validate-manifest.ts';
import { validateTaskDefinitionFile } from './validate-task-definition.ts';

/** A validator for one kind of file, chosen by extension. */
export interface FileValidator {
  readonly extensions: readonly string[];
  readonly describe: string;
  validate(file: string, text: string, io: CliIo): ExitCode | Promise<ExitCode>;
}

/**
 * Validators by extension. A .yaml/.yml file is a scenario when it has a top-level `steps:` and
 * no `kind:`; otherwise it is read as Kubernetes manifests.
 */
export const FILE_VALIDATORS: FileValidator[] = [
  { extensions: ['.json'], describe: 'ECS task definition', validate: validateTaskDefinitionFile },
  {
    extensions: ['.yaml', '.yml'],
    describe: 'Kubernetes manifest or scenario',
    validate: (file, text, io) =>
      looksLikeScenario(text)
        ? validateScenarioFile(file, text, io)
        : validateManifestFile(file, text, io),
  },
];

function validatorFor(file: string): FileValidator | undefined {
  const lower = file.toLowerCase();
  return FILE_VALIDATORS.find((v) => v.extensions.some((ext) => lower.endsWith(ext)));
}

export const validateCommand: CliCommand = {
  name: 'validate',
  usage: 'validate FILE...',
  summary:
    'Check task definitions (.json), Kubernetes manifests and scenarios (.yaml); print FILE:LINE:COL problems',
  async run(args, io) {
    const files = args.filter((a) => a !== '--');
    if (files.length === 0 || files.some((a) => a.startsWith('-') && a !== '-')) {
      io.stderr('usage: cluster-playground validate FILE...');
      return EXIT.FAILURE;
    }
    const codes: ExitCode[] = [];
    for (const file of files) {
      const validator = validatorFor(file);
      if (validator === undefined) {
        const known = FILE_VALIDATORS.flatMap((v) => v.extensions).join(', ');
        io.stderr(`${file}: unsupported file type (expected ${known})`);
        codes.push(EXIT.FAILURE);
        continue;
      }
      let text: string;
      try {
        text = await io.readFile(file);
      } catch (error) {
        io.stderr(
          `${file}: cannot read file: ${error instanceof Error ? error.message : String(error)}`,
        );
        codes.push(EXIT.FAILURE);
        continue;
      }
      codes.push(await validator.validate(file, text, io));
    }
    return worstExit(codes);
  },
};
