/**
 * The {@code regie} command line: one thin picocli class per subcommand that parses options,
 * calls one service and prints. Errors are one line on stderr (stack traces with
 * {@code --verbose}); exit codes are 0 for success, 1 for failure, 2 for bad usage.
 */
package fr.regie.cli;
