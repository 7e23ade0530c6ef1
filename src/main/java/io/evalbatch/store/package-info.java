/**
 * The database: connection settings, the embedded PostgreSQL when none is configured, and the
 * schema migrations.
 */
@NullMarked
package io.evalbatch.store;

import org.jspecify.annotations.NullMarked;
