import type { IssueCode } from './catalogue.js';

/**
 * The French text of every code, for accounts whose acknowledgements are in French (the
 * default: states and statuses are French). TypeScript refuses a code without its text, and a
 * unit test checks that every text is filled in and differs from the English one.
 */
export const MESSAGES_FR: Readonly<Record<IssueCode, string>> = {
  FILE_EMPTY: 'Le fichier est vide.',
  FILE_TOO_LARGE: 'Le fichier dépasse la taille maximale ; il n’a pas été lu.',
  FILE_NAME_INVALID:
    'Le nom du fichier contient des caractères hors de A-Z a-z 0-9 . _ - ou dépasse 200 caractères.',
  FILE_FORMAT_UNSUPPORTED: 'Le fichier n’est ni une facture XML ni un conteneur pris en charge.',
  FLOW_DUPLICATE:
    'Le fichier est identique (même SHA-256) à un fichier déjà envoyé par ce compte ; il n’a pas été retraité et cet accusé reprend le résultat de l’original (duplicateOf).',
  XML_NOT_XML: 'Le fichier ne commence pas comme un document XML.',
  XML_MALFORMED: 'Le XML est mal formé.',
  XML_DOCTYPE_FORBIDDEN:
    'Le XML déclare un DOCTYPE ; les DTD et entités sont refusées et jamais développées.',
  XML_ENCODING_UNSUPPORTED: 'Le XML déclare un encodage autre que UTF-8.',
  XML_VALUE_TOO_LARGE:
    'Une valeur d’attribut (plus de 64 Kio) ou un texte (plus de 1 Mio, hors pièces jointes …BinaryObject) dépasse ce que contient une facture ; le document n’a pas été analysé.',
  DOC_UNKNOWN_TYPE:
    'L’élément racine n’est ni une Invoice ou CreditNote UBL 2.1 ni une CrossIndustryInvoice CII D16B.',
  XSD_INVALID: 'Le document n’est pas conforme à son schéma XML officiel.',
  XSD_UNAVAILABLE:
    'Le schéma officiel de ce type de document n’est pas installé sur la passerelle.',
  ROUTE_BUYER_SIRET_MISSING:
    'SIRET de l’acheteur absent : BT-47 (identifiant légal) ou BT-46 (identifiant de l’acheteur) avec le schéma 0009 est obligatoire.',
  ROUTE_BUYER_SIRET_INVALID: 'Le SIRET de l’acheteur doit compter exactement 14 chiffres.',
  ROUTE_RECIPIENT_UNKNOWN: 'Le SIRET de l’acheteur n’est pas une entité publique de l’annuaire.',
  ROUTE_RECIPIENT_INACTIVE: 'L’entité publique est inactive dans l’annuaire.',
  ROUTE_RECIPIENT_NO_ACCOUNT:
    'L’entité publique n’a pas de compte pour recevoir des factures sur cette passerelle.',
  ROUTE_SERVICE_CODE_REQUIRED:
    'L’entité publique exige un code service (BT-10, référence acheteur).',
  ROUTE_SERVICE_CODE_UNKNOWN: 'Le code service (BT-10) n’est pas un service de l’entité publique.',
  ROUTE_SERVICE_CODE_INACTIVE: 'Le code service (BT-10) est inactif.',
  ROUTE_COMMITMENT_REQUIRED:
    'L’entité publique exige un numéro d’engagement (BT-13, référence du bon de commande).',
  ROUTE_SERVICE_OR_COMMITMENT_REQUIRED:
    'L’entité publique exige un code service (BT-10) ou un numéro d’engagement (BT-13).',
  ROUTE_SELLER_NOT_AUTHORIZED:
    'Le vendeur (BT-30, sinon BT-29 ou BT-31) n’est ni le SIRET (ou SIREN) du compte déposant ni un vendeur pour lequel il détient un mandat de dépôt.',
  ROUTE_INVOICE_NUMBER_MISSING: 'Le numéro de facture (BT-1) est absent.',
  INVOICE_NUMBER_DUPLICATE:
    'Ce fournisseur a déjà envoyé une facture de ce numéro (BT-1) la même année ; seule une facture rejetée au dépôt ou à recycler (A_RECYCLER) peut être renvoyée avec son numéro.',
  PROCESSING_INCIDENT:
    'Un incident technique a interrompu le traitement de cette facture ; un opérateur a clos le flux. Renvoyez la facture.',
  FACTURX_PDF_UNREADABLE: 'Le PDF est illisible : tronqué, corrompu ou pas un PDF.',
  FACTURX_PDF_ENCRYPTED: 'Le PDF est chiffré ; un PDF Factur-X (PDF/A-3) ne doit pas l’être.',
  FACTURX_ATTACHMENT_MISSING: 'Le PDF ne contient pas de XML de facture (factur-x.xml).',
  FACTURX_ATTACHMENT_NAME_NONSTANDARD:
    'Le PDF contient un XML dont le nom n’est pas factur-x.xml, zugferd-invoice.xml, ZUGFeRD-invoice.xml ou xrechnung.xml.',
  FACTURX_ATTACHMENT_NOT_IN_NAME_TREE:
    'Le XML de facture n’est accessible que par le tableau /AF du catalogue : l’arbre EmbeddedFiles ne le cite pas (structure cassée que les lecteurs PDF refusent).',
  FACTURX_ATTACHMENT_UNREADABLE:
    'Le XML de facture intégré ne peut pas être décodé (flux corrompu ou filtre non pris en charge).',
  FACTURX_ATTACHMENT_TOO_LARGE:
    'Le XML de facture intégré dépasse la taille maximale ; il n’a pas été décodé.',
  FACTURX_AF_RELATIONSHIP_INVALID:
    'L’AFRelationship de la facture intégrée est absent ou n’est pas Data, Alternative ou Source.',
  FACTURX_XMP_MISSING:
    'Le PDF n’a pas de métadonnées XMP lisibles avec l’extension Factur-X (fx:DocumentType, fx:ConformanceLevel…).',
  FACTURX_XMP_PROFILE_MISMATCH:
    'Le fx:ConformanceLevel du XMP ne correspond pas au profil du XML intégré (BT-24).',
  FACTURX_XMP_FILENAME_MISMATCH:
    'Le fx:DocumentFileName du XMP ne correspond pas au nom de la facture intégrée.',
  FACTURX_XMP_DOCUMENT_TYPE_INVALID: 'Le fx:DocumentType du XMP n’est pas INVOICE.',
  FACTURX_PDFA_PART_INVALID:
    'L’identification PDF/A du XMP (pdfaid:part) est absente ou différente de 3.',
  FACTURX_PROFILE_UNKNOWN:
    'L’identifiant de profil du XML intégré (BT-24) est absent ou n’est pas un profil Factur-X 1.0 / ZUGFeRD 2 ; la facture est refusée.',
  FACTURX_PROFILE_REFUSED:
    'Ce profil Factur-X ne fait pas partie des profils acceptés (facturx.acceptedProfiles : BASIC WL, BASIC, EN 16931, EXTENDED par défaut).',
  FACTURX_PROFILE_PARTIAL:
    'Ce profil Factur-X (BASIC WL) ne porte pas de lignes : il est accepté mais n’est pas une facture EN 16931 complète.',
  ARCHIVE_CORRUPT: 'L’archive est illisible : tronquée ou corrompue.',
  ARCHIVE_EMPTY: 'L’archive ne contient aucun fichier.',
  ARCHIVE_TOO_MANY_ENTRIES:
    'L’archive contient plus de fichiers que la limite ; aucun n’a été traité.',
  ARCHIVE_TOTAL_SIZE_EXCEEDED:
    'L’archive décompressée dépasse la taille totale maximale ; aucun fichier n’a été traité.',
  ARCHIVE_COMPRESSION_RATIO_EXCEEDED:
    'L’archive se décompresse bien plus que de vraies factures (bombe de compression) ; aucun fichier n’a été traité.',
  ARCHIVE_ENTRY_PATH_UNSAFE:
    'Le nom de l’entrée est absolu, remonte avec « .. » ou contient des caractères de contrôle ; l’entrée est ignorée.',
  ARCHIVE_ENTRY_NOT_REGULAR_FILE:
    'L’entrée est un lien, un périphérique ou un autre fichier spécial ; l’entrée est ignorée.',
  ARCHIVE_ENTRY_NESTED_ARCHIVE:
    'L’entrée est elle-même une archive ; les archives imbriquées ne sont pas ouvertes.',
  ARCHIVE_ENTRY_DUPLICATE_NAME:
    'Une autre entrée de l’archive porte le même nom ; l’intention du fournisseur est ambiguë, toutes les entrées de ce nom sont refusées.',
  ARCHIVE_ENTRY_THROUGH_LINK:
    'Le chemin de l’entrée passe par un lien de la même archive (tentative d’évasion de chemin) ; l’entrée est ignorée.',
  ARCHIVE_ENTRY_ENCRYPTED: 'L’entrée est chiffrée ; les entrées chiffrées ne sont pas acceptées.',
  ARCHIVE_ENTRY_UNSUPPORTED_COMPRESSION:
    'L’entrée utilise une méthode de compression autre que stored ou deflate.',
  ARCHIVE_ENTRY_CORRUPT:
    'Les données de l’entrée ne se décompressent pas ou ne correspondent pas à leur taille ou CRC-32 déclarés.',
  ARCHIVE_ENTRY_TOO_LARGE:
    'L’entrée décompressée dépasse la taille maximale par fichier ; l’entrée est ignorée.',
  EN16931_RULE: 'Une règle de gestion EN 16931 n’est pas respectée.',
  EN16931_RULE_WARNING:
    'Une règle de gestion EN 16931 signalée comme avertissement n’est pas respectée.',
  FR_RULE:
    'Une règle française du secteur public (contrôle Chorus Pro ou règle BR-FR de la réforme) n’est pas respectée.',
  FR_RULE_WARNING:
    'Une règle française du secteur public configurée en avertissement n’est pas respectée.',
  MODEL_UNREADABLE:
    'Le document ne peut pas être lu comme une facture EN 16931 (ni Invoice UBL, ni CreditNote UBL, ni CrossIndustryInvoice CII).',
  MODEL_TOO_LARGE:
    'La facture a plus de lignes que la passerelle n’en contrôle ; elle n’a pas été validée.',
  STATUS_UNKNOWN: 'Le statut est absent ou n’est pas un statut de facture connu.',
  STATUS_ACTOR_UNKNOWN: 'L’acteur doit être platform, entity, supplier ou operator.',
  STATUS_TRANSITION_ILLEGAL:
    'La facture ne peut pas passer de son statut actuel au statut demandé.',
  STATUS_ACTOR_FORBIDDEN: 'Cet acteur ne peut pas poser le statut demandé.',
  STATUS_REASON_REQUIRED:
    'Un motif est obligatoire pour les statuts SUSPENDUE, REJETEE et A_RECYCLER.',
  STATUS_REASON_TOO_LONG: 'Le motif dépasse 1000 caractères.',
  STATUS_REASON_CODE_INVALID:
    'Le code motif doit compter 1 à 35 caractères parmi A-Z, 0-9 et le tiret bas.',
  STATUS_UNCHANGED: 'La facture a déjà ce statut ; rien n’a été modifié.',
  STATUS_INVOICE_NOT_FOUND: 'Aucune facture remise à cette entité ne correspond à la ligne.',
  STATUS_INVOICE_AMBIGUOUS:
    'Plusieurs factures remises à cette entité correspondent à la ligne ; donnez l’identifiant de la facture.',
  STATUS_UPDATE_ROOT_INVALID:
    'L’élément racine n’est pas StatusUpdates version 1.0 dans l’espace de noms urn:passerelle:status-update:1.',
  STATUS_UPDATE_EMPTY: 'Le fichier de statuts ne contient aucune mise à jour.',
  STATUS_UPDATE_FIELD_UNEXPECTED: 'La mise à jour contient un champ inconnu ou répété.',
  STATUS_UPDATE_TARGET_MISSING:
    'La facture n’est pas identifiée : donnez son identifiant, ou le SIRET du fournisseur et le numéro de facture.',
  STATUS_UPDATE_TARGET_AMBIGUOUS:
    'Donnez soit l’identifiant de la facture, soit le SIRET du fournisseur et le numéro de facture, pas les deux.',
  STATUS_UPDATE_INVOICE_ID_INVALID:
    'L’identifiant de facture doit compter 1 à 64 caractères parmi A-Z, a-z, 0-9, point, tiret, tiret bas.',
  STATUS_UPDATE_SIRET_INVALID: 'Le SIRET du fournisseur doit compter exactement 14 chiffres.',
  STATUS_UPDATE_INVOICE_NUMBER_INVALID:
    'Le numéro de facture doit compter 1 à 100 caractères sans caractère de contrôle.',
  STATUS_UPDATE_DATE_INVALID:
    'La date est absente ou n’est ni AAAA-MM-JJ ni une date-heure ISO 8601 avec décalage.',
  STATUS_CSV_HEADER_INVALID:
    'L’en-tête CSV doit nommer les colonnes invoice_id, supplier_siret, invoice_number, status, reason, date (reason_code facultative).',
  STATUS_CSV_ENCODING_INVALID: 'Le fichier CSV n’est pas en UTF-8 valide.',
  STATUS_CSV_MALFORMED: 'L’enregistrement CSV est illisible (guillemets ou nombre de colonnes).',
  STATUS_CDAR_ROOT_INVALID:
    'L’élément racine n’est pas un CrossDomainAcknowledgementAndResponse UN/CEFACT.',
  STATUS_CDAR_FIELD_MISSING:
    'Un champ nécessaire pour appliquer le statut manque dans le message CDAR.',
  STATUS_CDAR_DATE_INVALID:
    'Une date CDAR n’est pas au format 102 (AAAAMMJJ) ou 204 (AAAAMMJJHHMMSS).',
  STATUS_CDAR_CODE_UNSUPPORTED:
    'Le code de statut du cycle de vie n’a pas de statut Chorus Pro sur cette passerelle.',
  STATUS_CPP_ROOT_INVALID:
    'L’élément racine n’est pas un CPPStatut Chorus Pro (pivot V1.19) sans espace de noms.',
  STATUS_CPP_FLOW_STATUS_UNSUPPORTED:
    'Le fichier CPP Statut porte des statuts de flux (CPPFluxStatuts) ; une entité publique envoie des statuts de facture (CPPFactureStatuts).',
  STATUS_CPP_CODE_UNSUPPORTED:
    'Le code de statut de facture CPP Statut ne peut pas être envoyé à cette passerelle.',
};
