DROP TABLE throttles;
DROP TABLE partner_clients;
DROP TABLE refresh_tokens;
DROP TABLE otp_challenges;
DROP TABLE accounts;
