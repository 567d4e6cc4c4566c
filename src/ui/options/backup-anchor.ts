/** The options page's anchor for "Backup & import"; the popup's "Backup & import" opens it. */
export const BACKUP_SECTION_ID = 'backup';
