DROP TABLE appeals;
