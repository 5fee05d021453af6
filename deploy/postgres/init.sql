-- Run by the postgres image on first start (empty data volume), as POSTGRES_USER, which owns both databases.
CREATE DATABASE producer;
CREATE DATABASE consumer;
