-- SNCF (rail operator): two tables, as SNCF Open Data exports them. Columns are in the order of
-- the CSV files (data/<table>.csv); each comment gives the CSV header. Portable SQL: runs on H2,
-- PostgreSQL and MariaDB unchanged. Codes (INSEE, UIC, postal) are text: they are identifiers,
-- and some start with 0.

-- "Gares de voyageurs": one row per passenger station (data/sncf_gare.csv, 2,782 rows).
CREATE TABLE sncf_gare (
    nom                 VARCHAR(100) NOT NULL,   -- Nom
    trigramme           VARCHAR(5),              -- Trigramme (SNCF three-letter code, e.g. SDE)
    segments_drg        VARCHAR(20),             -- Segment(s) DRG (A/B/C; ';'-joined when several)
    position_geo        VARCHAR(60),             -- Position géographique ("lat, lon"; empty for 7 stations)
    code_commune        VARCHAR(5),              -- Code commune (INSEE, as declared)
    unite_territoriale  VARCHAR(10),             -- uniteTerritoriale
    codes_uic           VARCHAR(100) NOT NULL,   -- Code(s) UIC (8 digits each; ';'-joined when several, up to 3)
    id                  VARCHAR(36) NOT NULL PRIMARY KEY -- id (UUID)
);

-- "Fréquentation en gares": yearly passengers per station, 2015-2024
-- (data/sncf_frequentation.csv, 3,021 rows, one per UIC code).
CREATE TABLE sncf_frequentation (
    nom_gare                        VARCHAR(100) NOT NULL, -- Nom de la gare
    code_uic                        VARCHAR(8) NOT NULL PRIMARY KEY, -- Code UIC
    code_postal                     VARCHAR(5),      -- Code postal (206 rows lost their leading 0: 1000 for 01000)
    direction_regionale             VARCHAR(40),     -- Direction Régionale Gares
    segmentation_drg                VARCHAR(5),      -- Segmentation DRG
    segmentation_marketing          VARCHAR(20),     -- Segmentation Marketing
    pct_non_voyageurs               DOUBLE PRECISION, -- % Non Voyageurs (a ratio, 0 to 1)
    voyageurs_2024                  INTEGER,         -- Total Voyageurs 2024
    voyageurs_non_voyageurs_2024    INTEGER,         -- Total Voyageurs + Non voyageurs 2024
    voyageurs_2023                  INTEGER,         -- Total Voyageurs 2023
    voyageurs_non_voyageurs_2023    INTEGER,         -- Total Voyageurs + Non voyageurs 2023
    voyageurs_2022                  INTEGER,         -- Total Voyageurs 2022
    voyageurs_non_voyageurs_2022    INTEGER,         -- Total Voyageurs + Non voyageurs 2022
    voyageurs_2021                  INTEGER,         -- Total Voyageurs 2021
    voyageurs_non_voyageurs_2021    INTEGER,         -- Total Voyageurs + Non voyageurs 2021
    voyageurs_2020                  INTEGER,         -- Total Voyageurs 2020
    voyageurs_non_voyageurs_2020    INTEGER,         -- Total Voyageurs + Non voyageurs 2020
    voyageurs_2019                  INTEGER,         -- Total Voyageurs 2019
    voyageurs_non_voyageurs_2019    INTEGER,         -- Total Voyageurs + Non voyageurs 2019
    voyageurs_2018                  INTEGER,         -- Total Voyageurs 2018
    voyageurs_non_voyageurs_2018    INTEGER,         -- Total Voyageurs + Non voyageurs 2018
    voyageurs_2017                  INTEGER,         -- Total Voyageurs 2017
    voyageurs_non_voyageurs_2017    INTEGER,         -- Total Voyageurs + Non voyageurs 2017
    voyageurs_2016                  INTEGER,         -- Total Voyageurs 2016
    voyageurs_non_voyageurs_2016    INTEGER,         -- Total Voyageurs + Non voyageurs 2016
    voyageurs_2015                  INTEGER,         -- Total Voyageurs 2015
    voyageurs_non_voyageurs_2015    INTEGER          -- Total Voyageurs + Non voyageurs 2015
);
