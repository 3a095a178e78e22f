/** UN/CEFACT namespaces of CDAR D22B (same data types as CII D16B, another rsm root). */
export const CDAR_NAMESPACES = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossDomainAcknowledgementAndResponse:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
} as const;

/** ICD 0009: SIRET, how French parties are identified in the reform's messages. */
export const SIRET_SCHEME = '0009';

/** UNTDID 1001 document type of the lifecycle message itself and of its acknowledgement. */
export const CDAR_STATUS_DOCUMENT_TYPE = '23';
export const CDAR_ACKNOWLEDGEMENT_TYPE = '305';

/** Party roles (UNCL 3035 as used by the reform): seller, buyer, platform. */
export const CDAR_ROLES = { seller: 'SE', buyer: 'BY', platform: 'WK' } as const;

/** Context parameters: a regulated B2G exchange following the reform's lifecycle guideline. */
export const CDAR_BUSINESS_PROCESS = 'REGULATED';
export const CDAR_GUIDELINE = 'urn.cpro.gouv.fr:1p0:CDV:invoice';
