-- Run by the postgres image on first start (empty data volume), as the superuser. Each service gets its own role,
-- owning its own database and nothing else; its password comes from the container's environment (psql's \getenv,
-- PostgreSQL 15 or newer), never from this file.
\getenv producer_password PRODUCER_DB_PASSWORD
\getenv consumer_password CONSUMER_DB_PASSWORD
CREATE ROLE producer LOGIN PASSWORD :'producer_password';
CREATE ROLE consumer LOGIN PASSWORD :'consumer_password';
CREATE DATABASE producer OWNER producer;
CREATE DATABASE consumer OWNER consumer;
-- Nobody else may connect or create anything in them.
REVOKE ALL ON DATABASE producer FROM PUBLIC;
REVOKE ALL ON DATABASE consumer FROM PUBLIC;
