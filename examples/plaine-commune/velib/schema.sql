-- Vélib' Métropole: one row per station, as the operator's open-data export has it
-- (data/velib_station.csv, columns in the same order). Portable SQL: runs on H2, PostgreSQL
-- and MariaDB unchanged.
CREATE TABLE velib_station (
    station_code      VARCHAR(20) NOT NULL PRIMARY KEY, -- Identifiant station
    name              VARCHAR(200) NOT NULL,            -- Nom station
    in_service        VARCHAR(3),                       -- Station en fonctionnement (OUI/NON)
    capacity          INTEGER,                          -- Capacité de la station (docks)
    docks_free        INTEGER,                          -- Nombre bornettes libres
    bikes_available   INTEGER,                          -- Nombre total vélos disponibles
    bikes_mechanical  INTEGER,                          -- Vélos mécaniques disponibles
    bikes_electric    INTEGER,                          -- Vélos électriques disponibles
    payment_terminal  VARCHAR(3),                       -- Borne de paiement disponible (OUI/NON)
    return_possible   VARCHAR(3),                       -- Retour vélib possible (OUI/NON)
    updated_at        TIMESTAMP,                        -- Actualisation de la donnée (local time)
    coordinates       VARCHAR(60),                      -- Coordonnées géographiques "lat, lon"
    commune_name      VARCHAR(100),                     -- Nom communes équipées
    commune_code      VARCHAR(5),                       -- Code INSEE communes équipées
    opening_hours     VARCHAR(200)                      -- station_opening_hours
);
