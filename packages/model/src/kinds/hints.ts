/** Field descriptions shared by several kinds, shown in validation messages. */
export const OWNER_HINT = 'a ref to the group or user that owns it, e.g. "group:team-a"';
export const SYSTEM_HINT = 'a ref to the System it belongs to';
export const LIFECYCLE_HINT = 'e.g. experimental, production or deprecated';
export const DEPENDS_ON_HINT = 'refs to the Components or Resources it needs, e.g. "resource:orders-db"';
