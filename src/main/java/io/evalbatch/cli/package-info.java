/**
 * The command line: one picocli command per verb, and the one place that turns an error into a
 * line and an exit code ({@code ErrorHandler}).
 */
package io.evalbatch.cli;
