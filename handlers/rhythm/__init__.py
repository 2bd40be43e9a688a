"""Team rhythm beyond the numbers: kudos, training, intel, customer satisfaction, approvals and 1:1 scorecards."""
