/**
 * The database: connection settings, the embedded PostgreSQL when none is configured, and the
 * schema migrations.
 */
package io.evalbatch.store;
