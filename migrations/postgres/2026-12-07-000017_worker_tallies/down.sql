DROP TABLE worker_tallies;
