-- Île-de-France Mobilités (transit authority): "Gares et stations du réseau ferré
-- d'Île-de-France" (emplacement-des-gares-idf), one row per station x line, columns in the order
-- of data/idfm_gare.csv (1,233 rows); each comment gives the CSV header. Portable SQL: runs on
-- H2, PostgreSQL and MariaDB unchanged. There is no commune code in this table.
CREATE TABLE idfm_gare (
    geo_point       VARCHAR(60) NOT NULL,   -- Geo Point ("lat, lon", WGS 84)
    geo_shape       VARCHAR(120),           -- Geo Shape (the same point as GeoJSON, lon/lat order)
    gares_id        INTEGER NOT NULL,       -- gares_id (record number; not unique: 1006 twice, 1252 twice)
    nom_long        VARCHAR(100),           -- nom_long (name of the station on this line)
    nom_so_gar      VARCHAR(100),           -- nom_so_gar (secondary name, often empty)
    nom_su_gar      VARCHAR(100),           -- nom_su_gar (extra name, often empty)
    id_ref_zdc      VARCHAR(10),            -- id_ref_ZdC (référentiel des arrêts: zone de correspondance)
    nom_zdc         VARCHAR(100),           -- nom_ZdC
    id_ref_zda      VARCHAR(10) NOT NULL,   -- id_ref_ZdA (référentiel des arrêts: zone d'arrêt; the station key)
    nom_zda         VARCHAR(100),           -- nom_ZdA
    idrefliga       VARCHAR(10),            -- idrefliga (line reference, A-code)
    idrefligc       VARCHAR(10),            -- idrefligc (line reference, IDFM C-code)
    res_com         VARCHAR(40),            -- res_com (line, public name: "RER D", "METRO 14", "TRAM 11")
    indice_lig      VARCHAR(10),            -- indice_lig (line index: "D", "14", "11")
    mode            VARCHAR(10),            -- mode (TRAIN, RER, METRO, TRAMWAY, VAL)
    tertrain        VARCHAR(20),            -- tertrain (train terminus flag or line, else 0)
    terrer          VARCHAR(20),            -- terrer (RER terminus flag or line, else 0)
    termetro        VARCHAR(20),            -- termetro (metro terminus flag or line, else 0)
    tertram         VARCHAR(20),            -- tertram (tram terminus flag or line, else 0)
    terval          VARCHAR(30),            -- terval (VAL terminus flag or line, else 0)
    exploitant      VARCHAR(40),            -- exploitant (operator: RATP, SNCF, KEOLIS…)
    idf             SMALLINT,               -- idf (0/1)
    principal       SMALLINT,               -- principal (0/1)
    x               DECIMAL(14,6),          -- x (Lambert-93, EPSG:2154, metres)
    y               DECIMAL(14,6),          -- y (Lambert-93, EPSG:2154, metres; wrong for one row, see SOURCE.md)
    picto_ligne     VARCHAR(200),           -- picto ligne (URL of the line pictogram)
    nom_iv          VARCHAR(100)            -- nom_iv (name for passenger information)
);
