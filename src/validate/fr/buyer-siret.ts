import type { InvoiceModel, SourceValue } from '../../formats/index.js';

export interface BuyerSiret {
  readonly value: SourceValue;
  readonly term: 'BT-47' | 'BT-46' | 'BT-49';
}

const SIRET_SCHEME = '0009';

/**
 * The buyer SIRET as routing reads it (`formats/keys`): the first identifier with scheme 0009
 * among the legal registration (BT-47), the buyer identifier (BT-46: UBL PartyIdentification,
 * CII GlobalID) and the electronic address (BT-49), in that order, skipping blank ones.
 */
export function findBuyerSiret(model: InvoiceModel): BuyerSiret | undefined {
  const buyer = model.buyer;
  if (buyer === undefined) return undefined;
  const sources: readonly (readonly [BuyerSiret['term'], readonly SourceValue[]])[] = [
    ['BT-47', buyer.legalIds],
    ['BT-46', model.syntax === 'ubl' ? buyer.identifiers : buyer.globalIds],
    ['BT-49', buyer.endpoints],
  ];
  for (const [term, values] of sources) {
    const value = values.find((candidate) => candidate.attributes['schemeID'] === SIRET_SCHEME);
    if (value !== undefined && value.text.trim() !== '') return { value, term };
  }
  return undefined;
}
