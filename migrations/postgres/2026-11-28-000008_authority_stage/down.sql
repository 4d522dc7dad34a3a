DROP TABLE feedback;
DROP TABLE referrals;
DROP TABLE obligations;
DROP TABLE decisions;
DROP TABLE hearings;
