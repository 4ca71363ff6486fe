// The catalogue of simulated Amazon Q incidents, looked up by name.
import type { Scenario } from './types.js';
import { insiderConversationSnooping } from './insider-conversation-snooping.js';
import { qDeveloperAbuse } from './q-developer-abuse.js';
import { stolenKeyQBusiness } from './stolen-key-q-business.js';

export type {
  CloudTrailRecord,
  ExpectedAnswers,
  ExpectedDetection,
  ExpectedNonFinding,
  Scenario,
  ScenarioBuild,
  ScenarioBuildOptions,
  Severity,
} from './types.js';

export const SCENARIOS: Record<string, Scenario> = Object.fromEntries(
  [stolenKeyQBusiness, insiderConversationSnooping, qDeveloperAbuse].map((scenario) => [scenario.name, scenario]),
);

/** The scenario called `name`; throws, naming the known scenarios, when there is none. */
export function getScenario(name: string): Scenario {
  const scenario = Object.hasOwn(SCENARIOS, name) ? SCENARIOS[name] : undefined;
  if (!scenario) {
    throw new Error(`Unknown scenario "${name}". Known scenarios: ${Object.keys(SCENARIOS).sort().join(', ')}.`);
  }
  return scenario;
}
