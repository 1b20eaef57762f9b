-- Ministère de la Culture: "Liste des festivals en France" (festivals-global-festivals-_-pl),
-- one row per festival, columns in the order of data/festival.csv (7,283 rows); each comment
-- gives the CSV header. Portable SQL: runs on H2, PostgreSQL and MariaDB unchanged.
-- Almost every column is free text as the festivals declared it, so almost every column is
-- VARCHAR: codes lost leading zeros, years hold dates and words (see SOURCE.md). The mapping
-- reads what can be read and leaves the rest.
CREATE TABLE festival (
    nom                     VARCHAR(200) NOT NULL, -- Nom du festival
    envergure               VARCHAR(200),   -- Envergure territoriale
    region                  VARCHAR(60),    -- Région principale de déroulement
    departement             VARCHAR(60),    -- Département principal de déroulement
    commune                 VARCHAR(100),   -- Commune principale de déroulement
    code_postal             VARCHAR(40),    -- Code postal (de la commune principale de déroulement)
    code_insee_commune      VARCHAR(10),    -- Code Insee commune (563 lost their leading 0; '0' or '#N/A' for 24)
    code_insee_epci         VARCHAR(30),    -- Code Insee EPCI (SIREN; Plaine Commune is 200057867)
    libelle_epci            VARCHAR(150),   -- Libellé EPCI
    numero_voie             VARCHAR(30),    -- Numéro de voie
    type_voie               VARCHAR(60),    -- Type de voie (rue, Avenue, boulevard, etc.)
    nom_voie                VARCHAR(250),   -- Nom de la voie
    adresse_postale         VARCHAR(250),   -- Adresse postale
    complement_adresse      VARCHAR(800),   -- Complément d'adresse (facultatif)
    site_internet           VARCHAR(600),   -- Site internet du festival (free text, not always a URL)
    adresse_email           VARCHAR(200),   -- Adresse e-mail
    decennie_creation       VARCHAR(40),    -- Décennie de création du festival
    annee_creation          VARCHAR(100),   -- Année de création du festival (free text: years, dates, words)
    discipline_dominante    VARCHAR(60),    -- Discipline dominante
    sous_cat_spectacle      VARCHAR(500),   -- Sous-catégorie spectacle vivant
    sous_cat_musique        VARCHAR(500),   -- Sous-catégorie musique
    sous_cat_musique_cnm    VARCHAR(150),   -- Sous-catégorie Musique CNM
    sous_cat_cinema         VARCHAR(300),   -- Sous-catégorie cinéma et audiovisuel
    sous_cat_arts_visuels   VARCHAR(300),   -- Sous-catégorie arts visuels et arts numériques
    sous_cat_livre          VARCHAR(500),   -- Sous-catégorie livre et littérature
    periode                 VARCHAR(100),   -- Période principale de déroulement du festival
    identifiant_agence_a    VARCHAR(20),    -- Identifiant Agence A
    identifiant             VARCHAR(40) NOT NULL, -- Identifiant (FEST_<code>_<n>; not unique, see SOURCE.md)
    geocodage_xy            VARCHAR(60),    -- Géocodage xy ("lat, lon")
    identifiant_cnm         VARCHAR(10)     -- identifiant CNM
);
CREATE INDEX festival_identifiant ON festival (identifiant);
