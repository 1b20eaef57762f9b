package fr.regie.territory;

/** How a dataset's records are placed in their commune. */
public enum LinkMethod {
    /** From the declared INSEE code ({@code regie:communeCode}), through the COG history. */
    COMMUNE_CODE,
    /** From the record's point geometry, inside the reference's dated boundaries. */
    GEOMETRY,
    /** Not placed (reference data, observations that point to placed records). */
    NONE
}
