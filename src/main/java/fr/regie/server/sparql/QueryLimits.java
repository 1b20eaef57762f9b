package fr.regie.server.sparql;

import java.time.Duration;

/**
 * What a public SPARQL query may cost: how long it may run, how many results it may return, how
 * long its text may be, and whether SERVICE may call other endpoints.
 */
public record QueryLimits(Duration timeout, long resultLimit, int maxQueryLength, boolean allowService) {}
