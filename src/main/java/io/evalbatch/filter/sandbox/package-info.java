/**
 * The sandbox every code-running filter shares: a warm Python server ({@code sandbox.py}) that
 * forks one confined child per Python program (the python filter) or per command (the program
 * filter's compilers and programs in any language), with the same namespaces, user, limits and
 * clean-up for both. {@link io.evalbatch.filter.sandbox.SandboxPool} hands warm servers to the
 * scoring threads.
 */
@NullMarked
package io.evalbatch.filter.sandbox;

import org.jspecify.annotations.NullMarked;
