"""Business rules of the campaign desk: statistics, quiz scoring, rate limiting, workflow set-up."""
