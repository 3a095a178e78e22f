/** A public structure of the directory (Chorus Pro "structure publique"). */
export interface PublicEntity {
  readonly siret: string;
  readonly name: string;
  readonly isActive: boolean;
  readonly isServiceCodeRequired: boolean;
  readonly isCommitmentRequired: boolean;
  readonly isServiceOrCommitmentRequired: boolean;
}

export interface EntityService {
  readonly siret: string;
  readonly code: string;
  readonly name: string;
  readonly isActive: boolean;
}

export interface DirectoryEntry {
  readonly entity: PublicEntity;
  readonly services: readonly EntityService[];
}
