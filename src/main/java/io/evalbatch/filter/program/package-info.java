/**
 * The {@code program} filter: programs in any language with a profile ({@link
 * io.evalbatch.filter.program.Languages}), built from a sample ({@link
 * io.evalbatch.filter.program.ProgramSource}, {@link io.evalbatch.filter.program.MultiplEProgram}),
 * harnessed with a completion token ({@link io.evalbatch.filter.program.CompletionToken}),
 * compiled and run in the shared sandbox, and judged by their own unit tests ({@link
 * io.evalbatch.filter.program.MultiplEStatus}) or by stdin/stdout test cases ({@link
 * io.evalbatch.filter.program.OutputComparison}).
 */
package io.evalbatch.filter.program;
