/**
 * Loads the EN 16931 rule flags and messages from the shared official Schematron, as the
 * gateway does at start-up (SchemaCatalog). Run before every test file (vitest setupFiles) and
 * by the benchmark; without the shared schemas it does nothing, and the tests that need the
 * texts fail with "not loaded".
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  areOfficialRuleTextsLoaded,
  loadOfficialRuleTexts,
  type RuleTextFiles,
} from '../../src/validate/en16931/index.js';
import { REPO_ROOT, SHARED_SCHEMAS } from './paths.js';

export function loadSharedRuleTexts(): void {
  if (areOfficialRuleTextsLoaded()) return;
  const manifest = JSON.parse(
    readFileSync(path.join(REPO_ROOT, 'schemas', 'manifest.json'), 'utf8'),
  ) as { ruleTexts: RuleTextFiles };
  if (!existsSync(path.join(SHARED_SCHEMAS, manifest.ruleTexts.ubl))) return;
  loadOfficialRuleTexts(SHARED_SCHEMAS, manifest.ruleTexts);
}

loadSharedRuleTexts();
