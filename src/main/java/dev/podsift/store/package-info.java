/**
 * The database (SQLite or PostgreSQL): numbered migrations, one store class per table group, guarded stage
 * changes.
 *
 * <p>Imports only model; never a stage above it (feed, insight, web …).
 */
package dev.podsift.store;
