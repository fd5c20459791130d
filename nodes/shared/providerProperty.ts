import type { INodeCredentialDescription, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { PROVIDERS } from './providers/registry';

const adapters = Object.values(PROVIDERS);

export function providerProperty(extraOptions: INodePropertyOptions[] = []): INodeProperties {
	return {
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		noDataExpression: true,
		options: [
			...adapters.map((adapter) => ({
				name: adapter.displayName,
				value: adapter.id,
				description: `Uses a ${adapter.displayName} credential`,
			})),
			...extraOptions,
		],
		default: 'kie',
		description: 'The service that makes the video for you; each needs its own API key (credential)',
	};
}

/**
 * True for any node version. n8n-workflow types '@version' as number[] here, but n8n evaluates a
 * credential's display conditions like a parameter's, `_cnd` included, in 1.x and 2.x.
 */
const EVERY_VERSION = [{ _cnd: { gte: 1 } }] as unknown as number[];

/**
 * One credential per provider, shown only while that provider (or one of `alsoFor`) is chosen.
 *
 * Why `show` names only the node version and `hide` names the provider: n8n's editor treats a
 * field whose every option appears in the credentials' `show` conditions as the node's
 * "authentication" field. It then hides that field from the panel and merges all credentials into
 * one list whose choice silently rewrites the field. With the provider only under `hide`, the
 * Provider dropdown stays visible and each credential gets its own labelled selector, in both the
 * 1.x and 2.x editors, while n8n shows and requires exactly the same credential as before.
 */
export function providerCredentials({
	required,
	alsoFor = [],
}: {
	required: boolean;
	alsoFor?: string[];
}): INodeCredentialDescription[] {
	return adapters.map((adapter) => ({
		name: adapter.credentialType,
		required,
		displayOptions: {
			show: { '@version': EVERY_VERSION },
			hide: {
				provider: [
					...adapters.map((other) => other.id as string).filter((id) => id !== adapter.id && !alsoFor.includes(id)),
					// A provider that never calls back needs no credential under the trigger's Auto-Detect.
					...(adapter.noCallbacks !== undefined ? alsoFor : []),
				],
			},
		},
	}));
}

/** An expression that shows an options parameter's label rather than its value. */
function labelOf(parameter: string, labels: Record<string, string>, fallback: string): string {
	return Object.entries(labels).reduceRight(
		(otherwise, [value, label]) =>
			`($parameter[${JSON.stringify(parameter)}] === ${JSON.stringify(value)} ? ${JSON.stringify(label)} : ${otherwise})`,
		JSON.stringify(fallback),
	);
}

/** Canvas subtitle such as "Create · kie.ai", from an expression for the part before the provider. */
export function providerSubtitle(before: string): string {
	const names = Object.fromEntries(adapters.map((adapter) => [adapter.id, adapter.displayName]));
	return `={{ ${before} + " · " + ${labelOf('provider', names, 'Auto-Detect')} }}`;
}
