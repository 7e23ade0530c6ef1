/**
 * Job definitions: the YAML a user writes, read and validated into records (input, filter,
 * execution, metrics) with every error named by its path in the file, and written back as the
 * definition a run stores.
 */
@NullMarked
package io.evalbatch.definition;

import org.jspecify.annotations.NullMarked;
