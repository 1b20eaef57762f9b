-- INSEE Filosofi 2021 ("Fichier localisé social et fiscal"), the Île-de-France rows of two
-- national files, columns in the order of their CSV headers (data/filosofi_iris.csv, 4,329 rows;
-- data/filosofi_commune.csv, 1,287 rows); each comment gives the CSV header. Portable SQL: runs
-- on H2, PostgreSQL and MariaDB unchanged.
-- Every measure is VARCHAR: INSEE writes decimal commas ("43,0") and puts markers in place of
-- numbers (s secret, nd not available, ns not significant, so not applicable). The mapping
-- (mappings/insee/filosofi.ttl) turns markers into NULL and only then the rest into numbers.

-- Per IRIS: DECLARED income (before taxes and benefits) per consumption unit, euros per year.
CREATE TABLE filosofi_iris (
    iris            VARCHAR(9) NOT NULL PRIMARY KEY, -- IRIS (9 characters, commune code first)
    dec_pimp21      VARCHAR(12), -- DEC_PIMP21 share of tax households paying income tax (%)
    dec_tp6021      VARCHAR(12), -- DEC_TP6021 low-income rate at 60 % of the median (%)
    dec_incert21    VARCHAR(12), -- DEC_INCERT21 INSEE uncertainty flag (1, 2, so)
    dec_q121        VARCHAR(12), -- DEC_Q121 first quartile (euros)
    dec_med21       VARCHAR(12), -- DEC_MED21 median (euros)
    dec_q321        VARCHAR(12), -- DEC_Q321 third quartile (euros)
    dec_eq21        VARCHAR(12), -- DEC_EQ21 interquartile range / median
    dec_d121        VARCHAR(12), -- DEC_D121 first decile (euros)
    dec_d221        VARCHAR(12), -- DEC_D221 second decile
    dec_d321        VARCHAR(12), -- DEC_D321 third decile
    dec_d421        VARCHAR(12), -- DEC_D421 fourth decile
    dec_d621        VARCHAR(12), -- DEC_D621 sixth decile
    dec_d721        VARCHAR(12), -- DEC_D721 seventh decile
    dec_d821        VARCHAR(12), -- DEC_D821 eighth decile
    dec_d921        VARCHAR(12), -- DEC_D921 ninth decile (euros)
    dec_rd21        VARCHAR(12), -- DEC_RD21 D9 / D1
    dec_s80s2021    VARCHAR(12), -- DEC_S80S2021 S80 / S20
    dec_gi21        VARCHAR(12), -- DEC_GI21 Gini index
    dec_pact21      VARCHAR(12), -- DEC_PACT21 share of activity income (%)
    dec_ptsa21      VARCHAR(12), -- DEC_PTSA21 share of wages (%)
    dec_pcho21      VARCHAR(12), -- DEC_PCHO21 share of unemployment benefits (%)
    dec_pben21      VARCHAR(12), -- DEC_PBEN21 share of non-salaried income (%)
    dec_ppen21      VARCHAR(12), -- DEC_PPEN21 share of pensions (%)
    dec_paut21      VARCHAR(12), -- DEC_PAUT21 share of other income (%)
    dec_note21      VARCHAR(12)  -- DEC_NOTE21 INSEE note code
);

-- Per commune (geography of 2024-01-01; Paris 75056 and its arrondissements 751xx both):
-- DISPOSABLE income (after taxes and benefits), "niveau de vie", euros per year per consumption unit.
CREATE TABLE filosofi_commune (
    codgeo          VARCHAR(5) NOT NULL PRIMARY KEY, -- CODGEO commune or arrondissement code
    nbmenfisc21     VARCHAR(12), -- NBMENFISC21 tax households
    nbpersmenfisc21 VARCHAR(12), -- NBPERSMENFISC21 persons in tax households
    med21           VARCHAR(12), -- MED21 median standard of living (euros)
    pimp21          VARCHAR(12), -- PIMP21 share of households paying income tax (%)
    tp6021          VARCHAR(12), -- TP6021 poverty rate at 60 % (%)
    tp60age121      VARCHAR(12), -- TP60AGE121 poverty rate, tax referent under 30
    tp60age221      VARCHAR(12), -- TP60AGE221 30 to 39
    tp60age321      VARCHAR(12), -- TP60AGE321 40 to 49
    tp60age421      VARCHAR(12), -- TP60AGE421 50 to 59
    tp60age521      VARCHAR(12), -- TP60AGE521 60 to 74
    tp60age621      VARCHAR(12), -- TP60AGE621 75 or over
    tp60tol121      VARCHAR(12), -- TP60TOL121 poverty rate of owners
    tp60tol221      VARCHAR(12), -- TP60TOL221 poverty rate of tenants
    pact21          VARCHAR(12), -- PACT21 share of activity income (%)
    ptsa21          VARCHAR(12), -- PTSA21 share of wages (%)
    pcho21          VARCHAR(12), -- PCHO21 share of unemployment benefits (%)
    pben21          VARCHAR(12), -- PBEN21 share of non-salaried income (%)
    ppen21          VARCHAR(12), -- PPEN21 share of pensions (%)
    ppat21          VARCHAR(12), -- PPAT21 share of property income (%)
    ppsoc21         VARCHAR(12), -- PPSOC21 share of social benefits (%)
    ppfam21         VARCHAR(12), -- PPFAM21 of which family benefits (%)
    ppmini21        VARCHAR(12), -- PPMINI21 of which minimum incomes (%)
    pplogt21        VARCHAR(12), -- PPLOGT21 of which housing benefits (%)
    pimpot21        VARCHAR(12), -- PIMPOT21 taxes (%, negative)
    d121            VARCHAR(12), -- D121 first decile of standard of living (euros)
    d921            VARCHAR(12), -- D921 ninth decile (euros)
    rd21            VARCHAR(12)  -- RD21 D9 / D1
);
