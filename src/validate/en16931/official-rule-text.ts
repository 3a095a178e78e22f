/** Flag and message of one official assert, verbatim from the CEN artefact. */
export type OfficialRuleText = readonly [flag: 'fatal' | 'warning', message: string];
