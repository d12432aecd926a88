/*
 * The catalog's own entity cards, in one chunk: the overview loads them together. The graph card
 * is separate (it brings the graph library).
 */
import { relationCard } from './RelationCard.js';
import { RELATION_CARDS } from './relation-cards.js';

export { AboutCard } from './AboutCard.js';
export { HistoryCard } from './HistoryCard.js';
export { MembersCard } from '../org/MembersCard.js';
export { OwnershipCard } from '../org/OwnershipCard.js';
export { ProfileCard } from '../org/ProfileCard.js';

export const relationCards = Object.fromEntries(RELATION_CARDS.map((spec) => [spec.id, relationCard(spec)]));
