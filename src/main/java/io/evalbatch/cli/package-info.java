/**
 * The command line: one picocli command per verb, exit codes, and one-line error messages.
 */
package io.evalbatch.cli;
