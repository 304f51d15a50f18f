"""Ontology class IRIs the rules produce (kept apart so that every rule module can import them)."""

from __future__ import annotations

CKG = "https://w3id.org/conflictkg/ontology#"
ATTACK = CKG + "Attack"
THREAT, PLEDGE = CKG + "Threat", CKG + "Pledge"
ACCUSATION, RESP_CLAIM, DENIAL = CKG + "Accusation", CKG + "ResponsibilityClaim", CKG + "Denial"
NO_CLAIM, TERRITORIAL = CKG + "NoResponsibilityClaim", CKG + "TerritorialClaim"
CAPTURE, TAKING_OFFICE = CKG + "CaptureOfTerritory", CKG + "TakingOffice"
