-- The territorial reference of France as published: INSEE's Code officiel géographique 2026,
-- INSEE's EPT list 2025, the DGCL's EPCI list 2025, INSEE's legal populations 2023 and IGN's
-- 2018 commune boundaries of Île-de-France. One table per file (or sheet), columns in file order;
-- the mappings in mappings/insee/ read these tables. Loaded by Régie into its own H2 database.

-- COG 2026, communes.csv: COM, COMD (communes déléguées), COMA (associées), ARM (arrondissements municipaux).
CREATE TABLE cog_commune (
    typecom VARCHAR(4) NOT NULL, com VARCHAR(5) NOT NULL, reg VARCHAR(2), dep VARCHAR(3), ctcd VARCHAR(4),
    arr VARCHAR(4), tncc VARCHAR(1), ncc VARCHAR(200), nccenr VARCHAR(200), libelle VARCHAR(200),
    can VARCHAR(5), comparent VARCHAR(5),
    PRIMARY KEY (typecom, com)
);
-- COG 2026, arrondissements.csv (arrondissements of départements).
CREATE TABLE cog_arrondissement (
    arr VARCHAR(4) PRIMARY KEY, dep VARCHAR(3), reg VARCHAR(2), cheflieu VARCHAR(5), tncc VARCHAR(1),
    ncc VARCHAR(200), nccenr VARCHAR(200), libelle VARCHAR(200)
);
-- COG 2026, departements.csv.
CREATE TABLE cog_departement (
    dep VARCHAR(3) PRIMARY KEY, reg VARCHAR(2), cheflieu VARCHAR(5), tncc VARCHAR(1),
    ncc VARCHAR(200), nccenr VARCHAR(200), libelle VARCHAR(200)
);
-- COG 2026, regions.csv.
CREATE TABLE cog_region (
    reg VARCHAR(2) PRIMARY KEY, cheflieu VARCHAR(5), tncc VARCHAR(1),
    ncc VARCHAR(200), nccenr VARCHAR(200), libelle VARCHAR(200)
);
-- COG 2026, mouvements-communes.csv: every change since 1943 (MOD code, date, before, after).
CREATE TABLE cog_mouvement (
    mod VARCHAR(2) NOT NULL, date_eff DATE NOT NULL,
    typecom_av VARCHAR(4), com_av VARCHAR(5), tncc_av VARCHAR(1), ncc_av VARCHAR(200), nccenr_av VARCHAR(200), libelle_av VARCHAR(200),
    typecom_ap VARCHAR(4), com_ap VARCHAR(5), tncc_ap VARCHAR(1), ncc_ap VARCHAR(200), nccenr_ap VARCHAR(200), libelle_ap VARCHAR(200)
);
-- Populations légales 2023, donnees_communes.csv (Paris, Lyon, Marseille only by arrondissement).
CREATE TABLE population (
    reg VARCHAR(2), region VARCHAR(100), dep VARCHAR(3), codarr VARCHAR(2), codcan VARCHAR(3), codcom VARCHAR(3),
    com VARCHAR(5) NOT NULL, commune VARCHAR(200), pmun INTEGER, pcap INTEGER, ptot INTEGER
);
-- Populations légales, donnees_communes_mayotte.csv (other columns; COM is empty, the code is DEP || CODCOM minus the 6).
CREATE TABLE population_mayotte (
    codreg VARCHAR(2), reg VARCHAR(100), dep VARCHAR(3), codarr VARCHAR(2), codcan VARCHAR(3), codcom VARCHAR(3),
    com VARCHAR(5), pmun INTEGER, pcap INTEGER, ptot INTEGER
);
-- INSEE EPT 2025, ept.xlsx sheet EPT.
CREATE TABLE ept (ept VARCHAR(9) PRIMARY KEY, libept VARCHAR(200), nb_com INTEGER);
-- INSEE EPT 2025, ept.xlsx sheet Composition_communale (ZZZZZZZZZ: no EPT).
CREATE TABLE ept_commune (
    codgeo VARCHAR(5) PRIMARY KEY, libgeo VARCHAR(200), ept VARCHAR(9), libept VARCHAR(200), dep VARCHAR(3), reg VARCHAR(2)
);
-- DGCL EPCI à fiscalité propre 2025, epcicom.xlsx sheet Epcicom2025: one row per member commune.
CREATE TABLE epci_commune (
    dept VARCHAR(3), siren VARCHAR(9) NOT NULL, raison_sociale VARCHAR(200), nature_juridique VARCHAR(5),
    mode_financ VARCHAR(3), nb_membres INTEGER, total_pop_tot INTEGER, total_pop_mun INTEGER, dep_com VARCHAR(3),
    insee VARCHAR(5) NOT NULL, siren_membre VARCHAR(9), nom_membre VARCHAR(200), ptot_2025 INTEGER, pmun_2025 INTEGER
);
-- IGN Admin Express COG 2018, Île-de-France commune boundaries (simplified), geometry as WKT.
CREATE TABLE ign_commune_2018 (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(200), wkt CLOB NOT NULL);
-- INSEE IRIS reference, geography 2023-01-01 (iris.csv: the Île-de-France rows of sheet
-- Emboitements_IRIS). DEPCOM is the commune or arrondissement municipal of 2023; TYP_IRIS is
-- H (habitat), A (activité), D (divers) or Z (commune non irisée).
CREATE TABLE insee_iris (
    code_iris VARCHAR(9) PRIMARY KEY, lib_iris VARCHAR(200) NOT NULL, typ_iris VARCHAR(1) NOT NULL, grd_quart VARCHAR(7),
    depcom VARCHAR(5) NOT NULL, libcom VARCHAR(200), uu2020 VARCHAR(5), reg VARCHAR(2), dep VARCHAR(3)
);
-- IGN-INSEE CONTOURS-IRIS of the Métropole du Grand Paris (about 2018-2019), WGS 84, geometry as WKT.
CREATE TABLE ign_iris (code_iris VARCHAR(9) PRIMARY KEY, nom_iris VARCHAR(200), code_com VARCHAR(5), wkt CLOB NOT NULL);

-- Lookups the mappings make by commune code.
CREATE INDEX cog_commune_com ON cog_commune (com);
CREATE INDEX cog_commune_comparent ON cog_commune (comparent);
CREATE INDEX population_com ON population (com);
CREATE INDEX epci_commune_insee ON epci_commune (insee);
CREATE INDEX cog_mouvement_com_av ON cog_mouvement (com_av);
CREATE INDEX insee_iris_depcom ON insee_iris (depcom);
