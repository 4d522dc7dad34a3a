DROP TABLE public_responses;
